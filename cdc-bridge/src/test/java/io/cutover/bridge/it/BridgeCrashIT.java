package io.cutover.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.cutover.bridge.BridgeConfig;
import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.LoggedEvent;
import io.cutover.bridge.internal.EventIds;
import io.cutover.testsupport.ChildJvm;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

/**
 * Crash safety, in a separate JVM: the bridge runs as a child process ({@link BridgeProcess}) while this test writes
 * parcels continuously; the child is SIGKILLed at random moments (each time after it has appended something, so the
 * kill lands mid-stream), restarted, and finally allowed to drain. The log must then hold exactly the events the
 * committed rows imply: none lost, none twice, each with the id its source position determines.
 */
@WithPostgres
class BridgeCrashIT {
    private static final int KILLS = 4;
    private static final Duration START_WAIT = Duration.ofSeconds(30);
    private static final Path LOGS = Path.of("target", "bridge-crash-it");

    private final Database db;
    private final List<ChildJvm> children = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService writer;

    BridgeCrashIT(Database db) {
        this.db = db;
    }

    @AfterEach
    void noChildLeftBehind() {
        if (writer != null) {
            writer.shutdownNow();
        }
        for (ChildJvm c : children) {
            c.process().destroyForcibly();
        }
        for (ChildJvm c : children) {
            try {
                c.process().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(children).as("child JVMs still alive").noneMatch(c -> c.process().isAlive());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void sigkilledAtRandomMomentsWhileRowsAreWrittenTheLogEndsUpWithEveryEventExactlyOnce() throws Exception {
        Depot depot = new Depot(db, "crash", true);
        Path catalog = Files.createDirectories(LOGS).resolve(depot.table + ".yaml");
        Files.writeString(catalog, catalogYaml(depot.qualified));
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("[crash-it] table " + depot.qualified + ", random seed " + seed + ", child logs in " + LOGS.toAbsolutePath());

        Writer rows = new Writer(db, depot.qualified, new Random(seed + 1));
        writer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "crash-it-writer"));

        List<Long> killedAfterEvents = new ArrayList<>();
        for (int incarnation = 1; incarnation <= KILLS; incarnation++) {
            ChildJvm child = start(depot, catalog, incarnation);
            if (incarnation == 1) {
                // rows committed before the bridge's first start are history, not events: write once its slot exists
                writer.scheduleWithFixedDelay(rows, 0, 5, TimeUnit.MILLISECONDS);
            }
            long headAtReady = depot.log().headSequence();
            await("incarnation " + incarnation + " appends to the log").atMost(START_WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> child.requireAlive() && depot.log().headSequence() > headAtReady);
            long delay = random.nextInt(1500);
            // the random moment: still alive (and writing) after the delay
            await("random moment " + delay + " ms into incarnation " + incarnation).pollDelay(Duration.ofMillis(delay))
                    .atMost(Duration.ofMillis(delay + 5_000)).until(child::requireAlive);
            int exit = child.sigkill();
            killedAfterEvents.add(depot.log().headSequence() - headAtReady);
            assertThat(exit).as("exit status of incarnation %d: 128 + SIGKILL", incarnation).isEqualTo(137);
            assertThat(rows.failure.get()).as("writer failure").isNull();
        }
        ChildJvm last = start(depot, catalog, KILLS + 1);
        long headAtLastReady = depot.log().headSequence();
        await("the last incarnation appends").atMost(START_WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> last.requireAlive() && depot.log().headSequence() > headAtLastReady);
        writer.shutdown();
        assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).as("writer stopped").isTrue();
        rows.close();
        assertThat(rows.failure.get()).as("writer failure").isNull();

        // drained: the slot has confirmed everything written (heartbeats move it past the last row), so nothing more comes
        long endOfWrites = depot.queryLong("select pg_current_wal_lsn() - '0/0'::pg_lsn");
        await("last incarnation caught up with the WAL").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> last.requireAlive() && depot.queryLong("select coalesce(max(confirmed_flush_lsn - '0/0'::pg_lsn), 0)"
                        + " from pg_replication_slots where slot_name = 'cutover_" + depot.table + "'") >= endOfWrites);
        assertThat(last.stop(Duration.ofSeconds(30))).as("exit status of a clean stop").isZero();

        Map<String, Long> expected = expectedEvents(depot);
        List<EventEnvelope> events = events(depot);
        long reReads = children.stream().mapToLong(BridgeCrashIT::reReadsAbsorbed).sum();
        System.out.printf("[crash-it] %d transactions, %d parcels, %d events (%d expected); killed %d times, after %s new"
                + " events; re-read events absorbed by the log: %d%n", rows.transactions.get(), rows.lastId.get(), events.size(),
                expected.size(), KILLS, killedAfterEvents, reReads);

        Map<String, Long> actual = new HashMap<>();
        events.forEach(e -> actual.merge(e.type() + " " + e.partitionKey(), 1L, Long::sum));
        assertThat(actual).as("every expected event exactly once: (type, partition key) -> count").isEqualTo(expected);
        assertThat(events).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
        for (EventEnvelope e : events) {
            long id = e.data().get("id").asLong();
            UUID recomputed = EventIds.nameBased(e.source().db(), Long.toString(e.source().lsn()), Long.toString(e.source().txId()),
                    e.source().qualifiedTable(), new TreeMap<>(Map.of("id", id)).toString(), e.type());
            assertThat(e.eventId()).as("id of %s %s: a function of its source position, so a re-read yields it again", e.type(),
                    e.partitionKey()).isEqualTo(recomputed);
        }
        assertOrderPerParcel(events);
        assertThat(depot.queryLong("select count(*) from cutover.bridge_dead_letter where bridge = '" + depot.table + "'"))
                .as("dead letters").isZero();
    }

    /** Per parcel the log keeps commit order: registered, then dispatched, then delivered. */
    private static void assertOrderPerParcel(List<EventEnvelope> events) {
        Map<String, List<String>> byParcel = new HashMap<>();
        for (EventEnvelope e : events) {
            byParcel.computeIfAbsent(e.data().get("id").asText(), k -> new ArrayList<>()).add(e.type());
        }
        List<String> order = List.of("ParcelRegistered", "ParcelDispatched", "DepotParcelDispatched", "ParcelDelivered");
        byParcel.forEach((id, types) -> assertThat(types).as("event types of parcel %s in log order", id)
                .isSortedAccordingTo((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b))));
    }

    private static String catalogYaml(String table) {
        return """
                events:
                  - type: ParcelRegistered
                    table: %1$s
                    operation: insert
                    partition_key: id
                    payload: [id, depot]
                  - type: ParcelDispatched
                    table: %1$s
                    operation: update
                    transition: {state: PACKED -> DISPATCHED}
                    partition_key: id
                    payload: [id]
                  - type: DepotParcelDispatched
                    table: %1$s
                    operation: update
                    transition: {state: PACKED -> DISPATCHED}
                    partition_key: [depot, id]
                    payload: [id, depot]
                  - type: ParcelDelivered
                    table: %1$s
                    operation: update
                    transition: {state: DISPATCHED -> DELIVERED}
                    partition_key: id
                    payload: [id]
                """.formatted(table);
    }

    /** What the committed rows imply, as (type, partition key) -> 1; weight changes imply nothing. */
    private static Map<String, Long> expectedEvents(Depot depot) throws SQLException {
        Map<String, Long> expected = new HashMap<>();
        try (Connection c = depot.db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select id, depot, state from " + depot.qualified)) {
            while (rs.next()) {
                long id = rs.getLong(1);
                String state = rs.getString(3);
                expected.put("ParcelRegistered " + id, 1L);
                if (!state.equals("PACKED")) {
                    expected.put("ParcelDispatched " + id, 1L);
                    expected.put("DepotParcelDispatched " + rs.getString(2) + ":" + id, 1L);
                }
                if (state.equals("DELIVERED")) {
                    expected.put("ParcelDelivered " + id, 1L);
                }
            }
        }
        return expected;
    }

    private static List<EventEnvelope> events(Depot depot) {
        List<EventEnvelope> out = new ArrayList<>();
        for (LoggedEvent e : depot.log().readFrom(0, 10_000_000)) {
            if (e.envelope().source().table().equals(depot.table)) {
                out.add(e.envelope());
            }
        }
        return out;
    }

    /**
     * One transaction per run: 1-4 new parcels, two random parcels PACKED -> DISPATCHED, one DISPATCHED -> DELIVERED,
     * one weight change (no event). Only committed work counts, and the table itself is the record of it.
     */
    private static final class Writer implements Runnable {
        private static final String[] DEPOTS = {"north", "south", "east"};
        final AtomicLong lastId = new AtomicLong();
        final AtomicLong transactions = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Database db;
        private final String table;
        private final Random random;
        private Connection connection;

        Writer(Database db, String table, Random random) {
            this.db = db;
            this.table = table;
            this.random = random;
        }

        @Override
        public void run() {
            if (failure.get() != null) {
                return;
            }
            try {
                if (connection == null) {
                    connection = db.connect();
                    connection.setAutoCommit(false);
                }
                write();
            } catch (RuntimeException | SQLException e) {
                failure.set(e);
            }
        }

        private void write() throws SQLException {
            long from = lastId.get();
            int n = 1 + random.nextInt(4);
            try (PreparedStatement insert = connection.prepareStatement("insert into " + table
                    + " (id, depot, state, weight, ref, packed_at) values (?, ?, 'PACKED', ?, null, null)");
                    PreparedStatement dispatch = connection.prepareStatement("update " + table
                            + " set state = 'DISPATCHED' where id = any(?) and state = 'PACKED'");
                    PreparedStatement deliver = connection.prepareStatement("update " + table
                            + " set state = 'DELIVERED' where id = ? and state = 'DISPATCHED'");
                    PreparedStatement weigh = connection.prepareStatement("update " + table + " set weight = weight + 1 where id = ?")) {
                for (long id = from + 1; id <= from + n; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, DEPOTS[random.nextInt(DEPOTS.length)]);
                    insert.setInt(3, 1 + random.nextInt(30));
                    insert.addBatch();
                }
                insert.executeBatch();
                long max = from + n;
                Array ids = connection.createArrayOf("bigint", new Long[] {pick(max), pick(max)});
                dispatch.setArray(1, ids);
                dispatch.executeUpdate();
                deliver.setLong(1, pick(max));
                deliver.executeUpdate();
                weigh.setLong(1, pick(max));
                weigh.executeUpdate();
                connection.commit();
                lastId.set(max);
                transactions.incrementAndGet();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }

        void close() throws SQLException {
            if (connection != null) {
                connection.close();
            }
        }

        private long pick(long max) {
            return 1 + (long) (random.nextDouble() * max);
        }
    }

    private ChildJvm start(Depot depot, Path catalog, int incarnation) throws IOException {
        ChildJvm child = ChildJvm.start(BridgeProcess.class, List.of("-Xmx384m", "-XX:+UseSerialGC",
                        "-D" + BridgeConfig.NAME.name() + "=" + depot.table,
                        "-D" + BridgeConfig.DB_HOST.name() + "=" + db.host(),
                        "-D" + BridgeConfig.DB_PORT.name() + "=" + db.port(),
                        "-D" + BridgeConfig.DB_NAME.name() + "=" + db.name(),
                        "-D" + BridgeConfig.DB_USER.name() + "=" + db.user(),
                        "-D" + BridgeConfig.HEARTBEAT_INTERVAL_MS.name() + "=200",
                        "-D" + BridgeConfig.MAX_BATCH_SIZE.name() + "=256"),
                List.of(catalog.toAbsolutePath().toString()), Map.of(BridgeProcess.PASSWORD_ENV, db.password()),
                LOGS.resolve(depot.table + "-" + incarnation + ".log"));
        children.add(child);
        await("incarnation " + incarnation + " ready").atMost(START_WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> child.printed("READY"));
        return child;
    }

    /** The last re-read count a child reported (a killed one: up to 50 ms before its death). */
    private static long reReadsAbsorbed(ChildJvm child) {
        long n = 0;
        for (String line : child.lines()) {
            int i = line.indexOf("reReadsAbsorbed=");
            if ((line.startsWith("STATS ") || line.startsWith("STOPPED ")) && i > 0) {
                n = Long.parseLong(line.substring(i + "reReadsAbsorbed=".length()).replaceAll("\\D.*", ""));
            }
        }
        return n;
    }
}
