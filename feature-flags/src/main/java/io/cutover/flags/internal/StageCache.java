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

    private final DataSource dataSource;
    private final Duration refreshInterval;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread listener;
    private volatile Map<String, Stage> stages = Map.of();
    private volatile boolean available;
    private volatile String lastProblem;

    public StageCache(DataSource dataSource, Duration refreshInterval) {
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
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + JdbcFlagStore.CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (closed.getCount() > 0) {
                    reload(connection);
                    notifications.getNotifications((int) refreshInterval.toMillis());
                }
            } catch (SQLException | RuntimeException e) {
                markUnavailable(e);
                awaitClose(refreshInterval);
            }
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

    private void markUnavailable(Exception e) {
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
