package io.cutover.bridge.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.EventLog;
import io.cutover.bridge.EventLogException;
import io.cutover.bridge.LoggedEvent;

/** {@link EventLog} in {@code cutover.event_log}, with {@code NOTIFY cutover_events} for live tails. */
public final class PostgresEventLog implements EventLog {
    public static final String CHANNEL = "cutover_events";
    /** Serialises appenders so sequence order is commit order: a reader at sequence n never misses a smaller one later. */
    private static final long APPEND_LOCK = 0x637574_6f766572L; // "cutover"
    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventLog.class);

    private final DataSource dataSource;
    private final Clock clock;

    public PostgresEventLog(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public int append(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int added = append(c, events);
                c.commit();
                return added;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new EventLogException("cannot append " + events.size() + " events to cutover.event_log: " + e.getMessage(), e);
        }
    }

    /** Appends inside the caller's transaction (the bridge adds its dead letters to the same one). */
    public int append(Connection c, List<EventEnvelope> events) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, APPEND_LOCK);
            lock.execute();
        }
        Timestamp now = Timestamp.from(clock.instant());
        int added = 0;
        try (PreparedStatement ps = c.prepareStatement("insert into cutover.event_log (event_id, type, version, partition_key,"
                + " occurred_at, appended_at, envelope) values (?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (event_id) do nothing")) {
            for (EventEnvelope e : events) {
                ps.setObject(1, e.eventId());
                ps.setString(2, e.type());
                ps.setInt(3, e.version());
                ps.setString(4, e.partitionKey());
                ps.setTimestamp(5, Timestamp.from(e.occurredAt()));
                ps.setTimestamp(6, now);
                ps.setString(7, e.toJson());
                ps.addBatch();
            }
            for (int n : ps.executeBatch()) {
                added += n > 0 ? 1 : 0;
            }
        }
        if (added > 0) {
            try (Statement st = c.createStatement()) {
                // delivered at commit, so a listener never sees a head it cannot read yet
                st.execute("select pg_notify('" + CHANNEL + "', (select max(sequence) from cutover.event_log)::text)");
            }
        }
        return added;
    }

    @Override
    public List<LoggedEvent> readFrom(long fromSequence, int max) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select sequence, appended_at, envelope::text from cutover.event_log"
                        + " where sequence >= ? order by sequence limit ?")) {
            ps.setLong(1, fromSequence);
            ps.setInt(2, max);
            List<LoggedEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LoggedEvent(rs.getLong(1), rs.getTimestamp(2).toInstant(), EventEnvelope.fromJson(rs.getString(3))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new EventLogException("cannot read cutover.event_log from " + fromSequence + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long headSequence() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select coalesce(max(sequence), 0) from cutover.event_log")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new EventLogException("cannot read the head of cutover.event_log: " + e.getMessage(), e);
        }
    }

    @Override
    public Subscription tail(LongConsumer onAppend) {
        Tail tail = new Tail(onAppend);
        Thread t = new Thread(tail, "cutover-event-log-tail");
        t.setDaemon(true);
        t.start();
        return tail;
    }

    /** LISTENs on its own connection; reconnects after a failure and reports the head then, so no append goes unseen. */
    private final class Tail implements Runnable, Subscription {
        private static final int WAIT_MS = 250;
        private final LongConsumer listener;
        private volatile boolean running = true;
        private volatile Thread thread;

        Tail(LongConsumer listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            while (running) {
                try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                    st.execute("listen " + CHANNEL);
                    long head = headSequence();
                    if (head > 0) {
                        listener.accept(head); // appends made before we listened
                    }
                    PGConnection pg = c.unwrap(PGConnection.class);
                    while (running) {
                        PGNotification[] ns = pg.getNotifications(WAIT_MS);
                        long max = 0;
                        for (PGNotification n : ns == null ? new PGNotification[0] : ns) {
                            max = Math.max(max, Long.parseLong(n.getParameter()));
                        }
                        if (max > 0) {
                            listener.accept(max);
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    if (running) {
                        LOG.warn("event log tail lost its connection, reconnecting: {}", e.getMessage());
                        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                    }
                }
            }
        }

        @Override
        public void close() {
            running = false;
            Thread t = thread;
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
