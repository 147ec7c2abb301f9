package io.cutover.flags.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import io.cutover.flags.Stage;

/**
 * Every flow's current stage, held in memory for the shim's hot path. A listener thread reloads on each NOTIFY from
 * the flag store and at least once per refresh interval, so a change reaches every process within about a second
 * even when a notification is lost. While the store cannot be read the cache is empty: the shim then lets the
 * legacy path act.
 */
public final class StageCache implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StageCache.class.getName());
    private static final boolean DRIVER_API_VISIBLE = driverApiVisible();

    private final DataSource dataSource;
    private final boolean mayListen;
    private final Duration refreshInterval;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread listener;
    private volatile Map<String, Stage> stages = Map.of();
    private volatile boolean available;
    private volatile String lastProblem;

    public StageCache(DataSource dataSource, Duration refreshInterval) {
        this(dataSource, refreshInterval, DRIVER_API_VISIBLE);
    }

    /** {@code mayListen=false} forces polling, as when the driver's API is hidden from the application. */
    StageCache(DataSource dataSource, Duration refreshInterval, boolean mayListen) {
        this.mayListen = mayListen;
        this.dataSource = dataSource;
        this.refreshInterval = refreshInterval;
        this.listener = new Thread(this::listen, "cutover-flags-listener");
        this.listener.setDaemon(true);
    }

    public StageCache start() {
        listener.start();
        return this;
    }

    /** Empty when the flow is unknown or the store is unreachable. */
    public Optional<Stage> stage(String flow) {
        return Optional.ofNullable(stages.get(flow));
    }

    public boolean available() {
        return available;
    }

    /** Why the store was last unreachable, or null. */
    public String lastProblem() {
        return lastProblem;
    }

    /** Blocks until the first load finished or failed, at most {@code timeout}; true when stages are loaded. */
    public boolean awaitFirstLoad(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!available && lastProblem == null && System.nanoTime() < deadline) {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        }
        return available;
    }

    private void listen() {
        while (closed.getCount() > 0) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                Wait untilNextLoad = waitFor(connection);
                while (closed.getCount() > 0) {
                    reload(connection);
                    untilNextLoad.pass();
                }
            } catch (SQLException | RuntimeException | LinkageError e) {
                markUnavailable(e);
                awaitClose(refreshInterval);
            }
        }
    }

    private interface Wait {
        void pass() throws SQLException;
    }

    /**
     * LISTEN when the PostgreSQL driver's own API is visible to this class loader. In an application server the
     * driver often lives in a server library the application cannot see: then poll twice per refresh interval,
     * which still propagates a change within the interval.
     */
    private Wait waitFor(Connection connection) throws SQLException {
        if (mayListen && connection.isWrapperFor(PostgresNotifications.type())) {
            LOG.fine("cutover flags: listening on " + JdbcFlagStore.CHANNEL);
            return PostgresNotifications.listen(connection, refreshInterval);
        }
        Duration poll = refreshInterval.dividedBy(2);
        LOG.info("cutover flags: polling every " + poll.toMillis() + " ms (the PostgreSQL driver's API is not"
                + " visible here, so no LISTEN)");
        return () -> awaitClose(poll);
    }

    /** Kept apart so that nothing links org.postgresql classes unless they are there. */
    private static final class PostgresNotifications {

        static Class<?> type() {
            return PGConnection.class;
        }

        static Wait listen(Connection connection, Duration timeout) throws SQLException {
            try (Statement listen = connection.createStatement()) {
                listen.execute("LISTEN " + JdbcFlagStore.CHANNEL);
            }
            PGConnection notifications = connection.unwrap(PGConnection.class);
            return () -> notifications.getNotifications((int) timeout.toMillis());
        }
    }

    private static boolean driverApiVisible() {
        try {
            Class.forName("org.postgresql.PGConnection", false, StageCache.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private void reload(Connection connection) throws SQLException {
        Map<String, Stage> loaded = new HashMap<>();
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("select flow, stage, canary_percent from cutover.flow")) {
            while (rows.next()) {
                loaded.put(rows.getString(1), JdbcFlagStore.stage(rows.getString(2), rows.getInt(3)));
            }
        }
        stages = Map.copyOf(loaded);
        if (!available) {
            if (lastProblem != null) {
                LOG.info("cutover flag store readable again; flows follow their stages");
            }
            synchronized (this) {
                available = true;
                lastProblem = null;
                notifyAll();
            }
        }
    }

    private void markUnavailable(Throwable e) {
        stages = Map.of();
        if (available || lastProblem == null) {
            // once per outage, not once per attempt
            LOG.log(Level.WARNING, "cutover flag store unreadable; the legacy path performs every effect until it"
                    + " is back: " + e.getMessage());
        }
        synchronized (this) {
            available = false;
            lastProblem = String.valueOf(e.getMessage());
            notifyAll();
        }
    }

    private void awaitClose(Duration timeout) {
        try {
            closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.countDown();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        listener.interrupt();
        try {
            listener.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
