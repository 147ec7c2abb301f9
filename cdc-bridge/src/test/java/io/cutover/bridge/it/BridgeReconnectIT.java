package io.cutover.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.cutover.bridge.Bridge;
import io.cutover.bridge.BridgeConfig;
import io.cutover.bridge.BridgeStartupException;
import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.EventLog;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

/** Real PostgreSQL, real Debezium: the bridge rides out killed connections and gives up only when it must. */
@WithPostgres
class BridgeReconnectIT {
    private static final String WRITER = "reconnect-writer";

    private final Database db;

    BridgeReconnectIT(Database db) {
        this.db = db;
    }

    @AfterAll
    static void dropSlots(Database db) {
        db.dropReplicationSlotsAndPublications();
    }

    private static BridgeConfig.Builder fastRestarts(Depot depot) {
        return depot.config().restartBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    /** The log on connections of their own name, so a test can kill the append connection by name. */
    private EventLog namedLog() {
        PGSimpleDataSource ds = (PGSimpleDataSource) db.dataSource();
        ds.setApplicationName("reconnect-log");
        return EventLog.postgres(ds, Clock.systemUTC());
    }

    /**
     * Terminates every backend of the bridge's role in this database but the caller's and the writer's: the slot's
     * walsender, the event-log append connection, the offset store's, Debezium's own. Returns how many walsenders.
     */
    private static long killBridgeConnections(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("select count(*) filter (where backend_type = 'walsender')"
                + " from (select pg_terminate_backend(pid), backend_type from pg_stat_activity where datname = current_database()"
                + " and usename = current_user and pid <> pg_backend_pid() and coalesce(application_name, '') <> '" + WRITER
                + "') t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect(String applicationName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password() == null ? "" : db.password());
        p.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(db.jdbcUrl(), p);
    }

    private static long walsenderOf(Depot depot) {
        return depot.queryLong("select coalesce(max(active_pid), 0) from pg_replication_slots where slot_name = 'cutover_"
                + depot.table + "'");
    }

    @Test
    void killedConnectionsAreRiddenOutWithEveryEventInTheLogExactlyOnce() throws Exception {
        Depot depot = new Depot(db, "blip", true);
        // small batches: after each restart the backlog is drained in full batches, whose appends are pipelined
        try (Bridge bridge = Bridge.start(fastRestarts(depot).maxBatchSize(16).build(), depot.catalog(), namedLog(),
                Clock.systemUTC())) {
            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, WRITER));
            try (Connection w = connect(WRITER); Statement ws = w.createStatement();
                    Connection c = connect("reconnect-killer"); Statement st = c.createStatement()) {
                AtomicLong lastId = new AtomicLong();
                // every 5 ms a transaction: a new parcel, and one dispatched
                ScheduledFuture<?> writes = writer.scheduleWithFixedDelay(() -> {
                    long id = lastId.incrementAndGet();
                    try {
                        ws.execute("begin; insert into " + depot.qualified + " values (" + id + ", 'n', 'PACKED', 1, 'r', null);"
                                + " update " + depot.qualified + " set state = 'DISPATCHED' where id = " + (id - 3) + "; commit");
                    } catch (SQLException e) {
                        throw new IllegalStateException("the writer failed at parcel " + id + ": " + e.getMessage(), e);
                    }
                }, 0, 5, TimeUnit.MILLISECONDS);
                for (int round = 1; round <= 3; round++) {
                    long batches = bridge.stats().batches();
                    await("capture running and committing").atMost(Depot.WAIT).until(() -> bridge.state() == Bridge.State.RUNNING
                            && bridge.stats().batches() > batches + 2 && walsenderOf(depot) != 0);

                    assertThat(killBridgeConnections(st)).as("the slot's walsender was killed").isEqualTo(1);

                    await("reconnecting after round " + round).atMost(Depot.WAIT).pollInterval(Duration.ofMillis(10))
                            .until(() -> bridge.state() == Bridge.State.RECONNECTING);
                    assertThat(bridge.failure()).as("the failure it recovers from").isPresent();
                    await("running again after round " + round).atMost(Depot.WAIT).until(() -> bridge.state() == Bridge.State.RUNNING);
                }
                assertThat((Future<?>) writes).as("the writer kept writing (a failed write ends its schedule)").isNotDone();
                writes.cancel(false);
                writer.shutdown();
                assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).as("the last write finished").isTrue();
            } finally {
                writer.shutdownNow();
            }

            Map<String, Long> expected = new HashMap<>();
            try (Connection c = db.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select id, state from " + depot.qualified)) {
                while (rs.next()) {
                    expected.put("ParcelRegistered/" + rs.getLong(1), 1L);
                    if (rs.getString(2).equals("DISPATCHED")) {
                        expected.put("ParcelDispatched/" + rs.getLong(1), 1L);
                        expected.put("ParcelTouched/n:" + rs.getLong(1), 1L);
                    }
                }
            }
            assertThat(expected).hasSizeGreaterThan(100);
            List<EventEnvelope> events = depot.awaitEvents(expected.size());
            Map<String, Long> logged = new HashMap<>();
            Set<UUID> ids = new HashSet<>();
            for (EventEnvelope e : events) {
                logged.merge(e.type() + "/" + e.partitionKey(), 1L, Long::sum);
                assertThat(ids.add(e.eventId())).as("event id %s once", e.eventId()).isTrue();
            }
            assertThat(logged).as("every expected event exactly once, nothing else").isEqualTo(expected);
            assertThat(bridge.stats().restarts()).isGreaterThanOrEqualTo(3);
            // an append still in flight when its run failed may land after it: the next run counts those as re-reads
            assertThat(bridge.stats().eventsAppended()).isLessThanOrEqualTo(expected.size());
            assertThat(bridge.stats().eventsAppended() + bridge.stats().reReadsAbsorbed()).isGreaterThanOrEqualTo(expected.size());
            assertThat(bridge.stats().deadLettered()).isZero();
            assertThat(bridge.state()).isEqualTo(Bridge.State.RUNNING);
            assertThat(bridge.failure()).as("cleared once capture committed again").isEmpty();
        }
    }

    @Test
    void aSlotDroppedUnderARunningBridgeEndsItFailedWithWhatToDoAndNoEndlessRetry() {
        Depot depot = new Depot(db, "noslot", true);
        String slot = "cutover_" + depot.table;
        try (Bridge bridge = Bridge.start(fastRestarts(depot).build(), depot.catalog(), depot.log(), Clock.systemUTC())) {
            depot.sql("insert into " + depot.qualified + " values (1, 'n', 'PACKED', 1, 'r', null)");
            depot.awaitEvents(1);
            await("walsender holds the slot").atMost(Depot.WAIT).until(() -> walsenderOf(depot) != 0);

            // the slot is free only between the engine's failure and its restart
            await("slot dropped").atMost(Depot.WAIT).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
                depot.sql("select pg_terminate_backend(active_pid) from pg_replication_slots where slot_name = '" + slot + "'",
                        "select pg_drop_replication_slot('" + slot + "')");
                return true;
            });

            await("gave up").atMost(Depot.WAIT).until(() -> bridge.state() == Bridge.State.FAILED);
            assertThat(bridge.failure()).hasValueSatisfying(f -> assertThat(f)
                    .hasMessageStartingWith("bridge " + depot.table + " cannot resume: its replication slot " + slot + " is gone")
                    .hasMessageContaining("DELETE FROM cutover.bridge_offset WHERE bridge = '" + depot.table + "';"));
            long restarts = bridge.stats().restarts();
            assertThat(restarts).isBetween(1L, 2L);
            await().pollDelay(Duration.ofSeconds(2)).until(() -> true); // twice the longest backoff
            assertThat(bridge.stats().restarts()).as("no retry after giving up").isEqualTo(restarts);
            assertThat(bridge.state()).isEqualTo(Bridge.State.FAILED);
            assertThat(depot.queryLong("select count(*) from pg_replication_slots where slot_name = '" + slot + "'"))
                    .as("no slot silently recreated").isZero();
        }
        // stopped now: a new start is refused the same way
        assertThatThrownBy(() -> Bridge.start(depot.config().build(), depot.catalog(), depot.log(), Clock.systemUTC()))
                .isInstanceOf(BridgeStartupException.class)
                .hasMessageContaining("has stored offsets but its replication slot " + slot + " is gone")
                .hasMessageContaining("DELETE FROM cutover.bridge_offset WHERE bridge = '" + depot.table + "';");
    }

    @Test
    void closeDuringTheBackoffReturnsPromptlyStopped() throws Exception {
        Depot depot = new Depot(db, "patience", true);
        Bridge bridge = Bridge.start(depot.config().restartBackoff(Duration.ofSeconds(30), Duration.ofSeconds(60)).build(),
                depot.catalog(), depot.log(), Clock.systemUTC());
        await("walsender holds the slot").atMost(Depot.WAIT).until(() -> walsenderOf(depot) != 0);
        try (Connection c = connect("reconnect-killer"); Statement st = c.createStatement()) {
            killBridgeConnections(st);
        }
        await("waiting 30 s to restart").atMost(Depot.WAIT).until(() -> bridge.state() == Bridge.State.RECONNECTING);

        long t0 = System.nanoTime();
        bridge.close();

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(bridge.state()).isEqualTo(Bridge.State.STOPPED);
        assertThat(bridge.stats().restarts()).isZero();
        assertThat(walsenderOf(depot)).as("no engine started after close").isZero();
    }

    @Test
    void afterMaxAttemptsFailedRestartsTheBridgeGivesUp() throws Exception {
        Depot depot = new Depot(db, "limit", true);
        try (Bridge bridge = Bridge.start(fastRestarts(depot).restartMaxAttempts(2).build(), depot.catalog(), depot.log(),
                Clock.systemUTC());
                Connection c = connect("reconnect-killer"); Statement st = c.createStatement()) {
            await("walsender holds the slot").atMost(Depot.WAIT).until(() -> walsenderOf(depot) != 0);
            // the database takes no new connections of the bridge's role: every restart fails to connect
            st.execute("alter database " + db.name() + " connection limit 0");
            try {
                killBridgeConnections(st);

                await("gave up").atMost(Depot.WAIT).until(() -> bridge.state() == Bridge.State.FAILED);
            } finally {
                st.execute("alter database " + db.name() + " connection limit -1");
            }
            assertThat(bridge.failure()).hasValueSatisfying(f -> assertThat(f)
                    .hasMessageStartingWith("bridge " + depot.table + " gave up after 2 restart(s) in a row without progress"
                            + " (cutover.bridge.restart.max-attempts); last failure:")
                    .hasMessageContaining("too many connections"));
            assertThat(bridge.stats().restarts()).isEqualTo(2);
        }
    }
}
