package io.cutover.bench;

import static io.cutover.bench.BenchSql.queryLong;
import static io.cutover.bench.BenchSql.sql;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.apache.kafka.connect.source.SourceRecord;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

import io.cutover.bridge.Bridge;
import io.cutover.bridge.BridgeConfig;
import io.cutover.bridge.BridgeSchema;
import io.cutover.bridge.EventCatalog;
import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.EventLog;
import io.cutover.bridge.LoggedEvent;
import io.cutover.bridge.internal.EngineProperties;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.ThrowawayPostgres;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;

/**
 * {@code bench/run cdc}: on one throwaway cluster, a backlog of N row inserts (default 100,000, in 1,000-row
 * transactions) committed while no consumer reads, then drained by (c) a raw {@link PGReplicationStream} (pgoutput, the
 * physical reference), (a) the bare Debezium engine with a no-op batch handler, (b) the Cutover bridge into the event
 * log in the captured cluster and (b2) the same bridge into an event log on a second throwaway cluster (its own server
 * on the same machine), (a), (b) and (b2) in turn for {@code -Dcdc.rounds} rounds (default 4): round 1 warms up, the
 * medians of the others are reported (the ratio as the median of each round's own b/a). Each reader has its own
 * slot, created before the backlog. Then commit-to-event-in-log latency at a steady 1,000 single-row commits/s (log in
 * the captured cluster), and the bridge's idle CPU.
 */
final class CdcThroughput {
    private static final PrintStream LOG = System.err;
    private static final int BACKLOG = Integer.getInteger("cdc.backlog", 100_000);
    private static final int RATE = Integer.getInteger("cdc.rate", 1_000);
    private static final int LATENCY_SECONDS = Integer.getInteger("cdc.latency.seconds", 10);
    private static final int IDLE_SECONDS = Integer.getInteger("cdc.idle.seconds", 10);
    /** Round 1 warms the JIT up and is not counted; the medians of the others are reported (one run varies by +-15 %). */
    private static final int ROUNDS = Math.max(2, Integer.getInteger("cdc.rounds", 4));
    /** {@code -Dcdc.connection-per-append=true}: for comparison, the log's old behaviour of a connection per append. */
    private static final boolean CONNECTION_PER_APPEND = Boolean.getBoolean("cdc.connection-per-append");
    private static final String TABLE = "legacy.orders";
    private static final String PUBLICATION = "bench_pub";
    private static final Duration WAIT = Duration.ofMinutes(5);
    /** Held so the level sticks (JUL keeps loggers weakly). */
    private static final java.util.logging.Logger FLYWAY_JUL = java.util.logging.Logger.getLogger("org.flywaydb");

    private CdcThroughput() {
    }

    static void run() {
        // before the first logger exists: Debezium and Kafka Connect are chatty at INFO
        System.setProperty("org.slf4j.simpleLogger.log.io.debezium", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
        FLYWAY_JUL.setLevel(java.util.logging.Level.WARNING); // Flyway logs through java.util.logging here
        long t0 = System.nanoTime();
        try (ThrowawayPostgres pg = ThrowawayPostgres.start(); ThrowawayPostgres logServer = ThrowawayPostgres.start()) {
            Database db = pg.createDatabase("cdcbench");
            Database remoteLog = logServer.createDatabase("cdclog");
            log("captured database on %s, remote event log (b2) on %s", pg, logServer);
            if (pg.host().equals(logServer.host()) && pg.port() == logServer.port()) { // both attached to CUTOVER_JDBC_URL
                log("(b2) logs into another database of the SAME server, and its log-server CPU is that whole server's");
            }
            new CdcThroughput().measure(db, remoteLog);
            log("total %.0f s", (System.nanoTime() - t0) / 1e9);
        } catch (Exception e) {
            throw new IllegalStateException("cdc benchmark failed: " + e.getMessage(), e);
        }
    }

    private static void log(String format, Object... args) {
        LOG.printf(Locale.ROOT, "[cdc] " + format + "%n", args);
    }

    private void measure(Database db, Database remoteLog) throws Exception {
        DataSource ds = db.dataSource();
        sql(db, "create schema legacy",
                "create table " + TABLE + " (id bigserial primary key, customer_id bigint not null, status text not null,"
                        + " total numeric(12,2) not null, updated_at timestamptz not null default now())",
                "alter table " + TABLE + " replica identity full");
        BridgeSchema.migrate(ds);
        BridgeSchema.migrate(remoteLog.dataSource()); // the log's tables; offsets, dead letters, heartbeat stay in db
        EventCatalog catalog = EventCatalog.parse("bench-catalog.yaml", """
                events:
                  - type: OrderPlaced
                    table: legacy.orders
                    operation: insert
                    partition_key: id
                    payload: {id: order_id, customer_id: customer_id, total: total}
                """);

        // every reader's slot exists before the backlog, so each one gets all of it
        sql(db, "create publication " + PUBLICATION + " for table " + TABLE + ", cutover.bridge_heartbeat");
        List<String> slots = new ArrayList<>(List.of("bench_raw"));
        for (int round = 1; round <= ROUNDS; round++) {
            for (String bridge : List.of("drain" + round, "remote" + round)) {
                sql(db, "create publication cutover_" + bridge + " for table " + TABLE + ", cutover.bridge_heartbeat");
                slots.add("cutover_" + bridge);
            }
            slots.add("bench_dbz" + round);
        }
        for (String slot : slots) {
            sql(db, "select pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        }
        long ins = System.nanoTime();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (int from = 1; from <= BACKLOG; from += 1000) {
                int to = Math.min(BACKLOG, from + 999);
                st.execute("insert into " + TABLE + " (customer_id, status, total) select g % 1000, 'PENDING', (g % 10000) + 0.25"
                        + " from generate_series(" + from + ", " + to + ") g");
            }
        }
        log("settings: max.batch.size %d, poll.interval.ms %d", config(db, "x").maxBatchSize(),
                config(db, "x").pollInterval().toMillis());
        log("backlog: %d rows committed in %.1f s (1,000-row transactions), %d slots waiting: %s", BACKLOG,
                (System.nanoTime() - ins) / 1e9, slots.size(), slots);

        double raw = rawDrain(db, "bench_raw");
        log("(c) raw PGReplicationStream pgoutput: %.0f rows/s", raw);
        CpuClock cpu = CpuClock.of(db, remoteLog); // both clusters, in every drain: the whole box's work counts
        CpuClock logServerCpu = CpuClock.serversOnly(remoteLog); // the part of (b2) a second machine would take over
        List<Drain> debeziumDrains = new ArrayList<>();
        List<Drain> bridgeDrains = new ArrayList<>();
        List<Drain> remoteDrains = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> remoteRatios = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            Drain debeziumDrain = debeziumDrain(db, "bench_dbz" + round, cpu);
            log("(a) round %d: bare Debezium engine, no-op batch handler: %.0f events/s, CPU %.1f us/event", round,
                    debeziumDrain.eventsPerSecond(), debeziumDrain.cpuMicrosPerEvent());
            sql(db, "truncate cutover.event_log");
            Drain bridgeDrain = bridgeDrain(db, db, catalog, "drain" + round, cpu, null);
            log("(b) round %d: Cutover bridge into the event log: %.0f events/s (ratio %.3f), CPU %.1f us/event", round,
                    bridgeDrain.eventsPerSecond(), bridgeDrain.eventsPerSecond() / debeziumDrain.eventsPerSecond(),
                    bridgeDrain.cpuMicrosPerEvent());
            sql(remoteLog, "truncate cutover.event_log");
            Drain remoteDrain = bridgeDrain(db, remoteLog, catalog, "remote" + round, cpu, logServerCpu);
            log("(b2) round %d: Cutover bridge into the event log on the second server: %.0f events/s (ratio %.3f),"
                    + " CPU %.1f us/event, of which the log's server %.1f", round, remoteDrain.eventsPerSecond(),
                    remoteDrain.eventsPerSecond() / debeziumDrain.eventsPerSecond(), remoteDrain.cpuMicrosPerEvent(),
                    remoteDrain.logServerCpuMicrosPerEvent());
            if (round > 1) {
                debeziumDrains.add(debeziumDrain);
                bridgeDrains.add(bridgeDrain);
                remoteDrains.add(remoteDrain);
                ratios.add(bridgeDrain.eventsPerSecond() / debeziumDrain.eventsPerSecond());
                remoteRatios.add(remoteDrain.eventsPerSecond() / debeziumDrain.eventsPerSecond());
            }
        }
        Drain debeziumDrain = Drain.median(debeziumDrains);
        Drain bridgeDrain = Drain.median(bridgeDrains);
        Drain remoteDrain = Drain.median(remoteDrains);
        double debezium = debeziumDrain.eventsPerSecond();
        double bridge = bridgeDrain.eventsPerSecond();
        double remote = remoteDrain.eventsPerSecond();
        double ratio = median(ratios);
        double remoteRatio = median(remoteRatios);
        log("medians of rounds 2-%d: ratio %.3f (rounds %s), remote-log ratio %.3f (rounds %s)", ROUNDS, ratio,
                threeDecimals(ratios), remoteRatio, threeDecimals(remoteRatios));

        double[] latency = latencyAndIdle(db, catalog);

        System.out.printf(Locale.ROOT, "cdc drain of %,d rows: raw %.0f rows/s, bare Debezium %.0f ev/s, bridge %.0f ev/s"
                + " (bridge/debezium %.3f), bridge with the log on a second server %.0f ev/s (%.3f); latency at %d commits/s:"
                + " p50 %.1f ms p99 %.1f ms; idle CPU %.1f%% of a core%n",
                BACKLOG, raw, debezium, bridge, ratio, remote, remoteRatio, RATE, latency[0], latency[1],
                latency[3]);
        System.out.printf(Locale.ROOT, "RESULT cdc bridge_eps=%.0f debezium_eps=%.0f raw_eps=%.0f ratio_bridge_debezium=%.3f"
                        + " latency_p50_ms=%.1f latency_p99_ms=%.1f latency_max_ms=%.1f commits_per_s=%.0f idle_cpu_pct=%.1f"
                        + " backlog_rows=%d debezium_cpu_us_per_event=%.1f bridge_cpu_us_per_event=%.1f"
                        + " bridge_remote_log_eps=%.0f ratio_bridge_remote_log_debezium=%.3f"
                        + " bridge_remote_log_cpu_us_per_event=%.1f bridge_remote_log_server_cpu_us_per_event=%.1f"
                        + " ratio_min=%.3f ratio_max=%.3f rounds_counted=%d%n",
                bridge, debezium, raw, ratio, latency[0], latency[1], latency[2], latency[4], latency[3], BACKLOG,
                debeziumDrain.cpuMicrosPerEvent(), bridgeDrain.cpuMicrosPerEvent(), remote, remoteRatio,
                remoteDrain.cpuMicrosPerEvent(), remoteDrain.logServerCpuMicrosPerEvent(), Collections.min(ratios),
                Collections.max(ratios), ratios.size());
    }

    private static List<String> threeDecimals(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    // ------------------------------------------------------------------------------------------------ (c) raw

    private double rawDrain(Database db, String slot) throws SQLException {
        Properties props = new Properties();
        PGProperty.USER.set(props, db.user());
        PGProperty.PASSWORD.set(props, db.password());
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        long inserts = 0;
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), props)) {
            PGReplicationStream stream = c.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                    .withSlotName(slot).withSlotOption("proto_version", 1).withSlotOption("publication_names", PUBLICATION)
                    .withStatusInterval(10, TimeUnit.SECONDS).start();
            while (inserts < BACKLOG) {
                ByteBuffer b = stream.read();
                if (b.get(b.position()) == 'I') {
                    inserts++;
                }
            }
            long end = System.nanoTime();
            stream.setFlushedLSN(stream.getLastReceiveLSN());
            stream.forceUpdateStatus();
            stream.close();
            return inserts / ((end - start) / 1e9);
        } finally {
            dropSlot(db, slot);
        }
    }

    // ------------------------------------------------------------------------------------------------ (a) Debezium

    /**
     * Events/s first to last event, the CPU (this JVM + the clusters) spent in that window per event, and of it the
     * event log's own server's share (0 when the log is in the captured cluster).
     */
    private record Drain(double eventsPerSecond, double cpuMicrosPerEvent, double logServerCpuMicrosPerEvent) {
        static Drain of(long firstNanos, long lastNanos, long cpuFirstNanos, long cpuLastNanos) {
            return new Drain(BACKLOG / ((lastNanos - firstNanos) / 1e9), (cpuLastNanos - cpuFirstNanos) / 1e3 / BACKLOG, 0);
        }

        /** Each figure's median over the drains (not one drain's figures). */
        static Drain median(List<Drain> drains) {
            return new Drain(CdcThroughput.median(drains.stream().map(Drain::eventsPerSecond).toList()),
                    CdcThroughput.median(drains.stream().map(Drain::cpuMicrosPerEvent).toList()),
                    CdcThroughput.median(drains.stream().map(Drain::logServerCpuMicrosPerEvent).toList()));
        }

        Drain withLogServerCpu(long nanos) {
            return new Drain(eventsPerSecond, cpuMicrosPerEvent, nanos / 1e3 / BACKLOG);
        }
    }

    private Drain debeziumDrain(Database db, String slot, CpuClock cpu) throws Exception {
        // the bridge's own engine settings, so the ratio isolates what the bridge adds: mapping and the log append
        Properties p = EngineProperties.of(config(db, "drain1"), java.util.Set.of(TABLE));
        p.setProperty("name", slot);
        p.setProperty("slot.name", slot);
        p.setProperty("publication.name", PUBLICATION);
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        AtomicLong rows = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        AtomicLong cpuFirst = new AtomicLong();
        AtomicLong cpuLast = new AtomicLong();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(p)
                .notifying((List<RecordChangeEvent<SourceRecord>> records,
                        DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) -> {
                    long n = 0;
                    for (RecordChangeEvent<SourceRecord> r : records) {
                        if (r.record().topic().endsWith("." + TABLE)) { // not heartbeats, nor the heartbeat table
                            n++;
                        }
                        committer.markProcessed(r);
                    }
                    committer.markBatchFinished();
                    long now = System.nanoTime();
                    if (n > 0 && first.compareAndSet(0, now)) {
                        cpuFirst.set(cpu.nanos());
                    }
                    if (rows.addAndGet(n) >= BACKLOG && last.get() == 0) {
                        cpuLast.set(cpu.nanos()); // before last: the waiting thread reads both once last is set
                        last.set(now);
                    }
                })
                .build();
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-debezium"));
        long start = System.nanoTime();
        exec.execute(engine);
        try {
            awaitTrue("bare Debezium drained " + BACKLOG, () -> last.get() != 0);
            log("    bare Debezium: start -> last event %.2f s, first -> last event %.2f s", (last.get() - start) / 1e9,
                    (last.get() - first.get()) / 1e9);
            return Drain.of(first.get(), last.get(), cpuFirst.get(), cpuLast.get());
        } finally {
            engine.close();
            exec.shutdown();
            exec.awaitTermination(30, TimeUnit.SECONDS);
            dropSlot(db, slot);
        }
    }

    // ------------------------------------------------------------------------------------------------ (b) bridge

    /**
     * Captures {@code db}, appends to the event log in {@code logDb}: the same database, or one on another server whose
     * CPU {@code logServerCpu} counts (it works only for the appends, so from start to the last one is their window).
     */
    private Drain bridgeDrain(Database db, Database logDb, EventCatalog catalog, String name, CpuClock cpu,
            CpuClock logServerCpu) throws Exception {
        TimedLog log = new TimedLog(EventLog.postgres(logDb.dataSource(), Clock.systemUTC()), false, cpu);
        long logServerCpuStart = logServerCpu == null ? 0 : logServerCpu.nanos();
        long start = System.nanoTime();
        Bridge bridge = Bridge.start(config(db, name), catalog, log, Clock.systemUTC());
        try {
            awaitTrue("bridge drained " + BACKLOG, () -> log.appended.get() >= BACKLOG);
            long logServerCpuNanos = logServerCpu == null ? 0 : logServerCpu.nanos() - logServerCpuStart;
            log("    bridge: start -> last append %.2f s, first -> last append %.2f s, %d batches, %.2f s of it in the log append",
                    (log.lastNanos - start) / 1e9, (log.lastNanos - log.firstNanos) / 1e9, bridge.stats().batches(),
                    log.appendNanos.get() / 1e9);
            long inLog = queryLong(logDb, "select count(*) from cutover.event_log");
            if (inLog != BACKLOG) {
                throw new IllegalStateException("expected " + BACKLOG + " events in the log, found " + inLog);
            }
            return Drain.of(log.firstNanos, log.lastNanos, log.cpuFirstNanos, log.cpuLastNanos).withLogServerCpu(logServerCpuNanos);
        } finally {
            bridge.decommission(); // its slot would only hold WAL from here on
            log.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ latency, idle

    /** {p50, p99, max, idle CPU %, achieved commits/s}. */
    private double[] latencyAndIdle(Database db, EventCatalog catalog) throws Exception {
        // the drains left 200k fresh rows in two tables: vacuum them now rather than have autovacuum do it mid-measurement
        long vacuum = System.nanoTime();
        sql(db, "vacuum analyze " + TABLE, "vacuum analyze cutover.event_log");
        log("vacuum analyze after the drains: %.1f s", (System.nanoTime() - vacuum) / 1e9);
        TimedLog log = new TimedLog(EventLog.postgres(db.dataSource(), Clock.systemUTC()), true, null);
        BridgeConfig config = config(db, "live");
        try (Bridge bridge = Bridge.start(config, catalog, log, Clock.systemUTC());
                Connection c = db.connect();
                PreparedStatement insert = c.prepareStatement("insert into " + TABLE
                        + " (customer_id, status, total) values (?, 'PENDING', 12.50) returning id")) {
            int warmUp = 2 * RATE; // two seconds
            int measured = RATE * LATENCY_SECONDS;
            Map<Long, Long> committed = new ConcurrentHashMap<>();
            long period = TimeUnit.SECONDS.toNanos(1) / RATE;
            long begin = System.nanoTime();
            long measuredBegin = 0;
            for (int i = 0; i < warmUp + measured; i++) {
                long due = begin + i * period;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (i == warmUp) {
                    measuredBegin = System.nanoTime();
                }
                insert.setLong(1, i % 1000);
                long id;
                try (ResultSet rs = insert.executeQuery()) { // autocommit: returns after the commit
                    rs.next();
                    id = rs.getLong(1);
                }
                if (i >= warmUp) {
                    committed.put(id, System.nanoTime());
                }
            }
            double achieved = measured / ((System.nanoTime() - measuredBegin) / 1e9);
            awaitTrue("all " + measured + " live events in the log", () -> committed.keySet().stream()
                    .allMatch(id -> log.arrivals.containsKey(Long.toString(id))));
            Latencies latencies = new Latencies();
            committed.forEach((id, at) -> latencies.add(log.arrivals.get(Long.toString(id)) - at));
            log("latency: %d commits at %.0f/s (target %d/s), poll %d ms: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
                    measured, achieved, RATE, config.pollInterval().toMillis(), latencies.percentileMillis(50),
                    latencies.percentileMillis(90), latencies.percentileMillis(99), latencies.percentileMillis(100));

            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3)); // let the last batch and GC settle
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(IDLE_SECONDS));
            double idle = 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - wall0);
            log("idle: bridge running, no writes, heartbeat every %d ms: JVM CPU %.1f%% of one core over %d s",
                    config.heartbeatInterval().toMillis(), idle, IDLE_SECONDS);
            return new double[] {latencies.percentileMillis(50), latencies.percentileMillis(99), latencies.percentileMillis(100),
                    idle, achieved};
        } finally {
            log.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The bridge's defaults, except where {@code -Dcdc.batch} / {@code -Dcdc.poll.ms} say otherwise (for tuning runs). */
    private static BridgeConfig config(Database db, String name) {
        BridgeConfig.Builder b = BridgeConfig.builder().name(name).database(db.host(), db.port(), db.name(), db.user(), db.password())
                .startTimeout(Duration.ofMinutes(2));
        if (Integer.getInteger("cdc.batch") != null) {
            b.maxBatchSize(Integer.getInteger("cdc.batch"));
        }
        if (Integer.getInteger("cdc.poll.ms") != null) {
            b.pollInterval(Duration.ofMillis(Integer.getInteger("cdc.poll.ms")));
        }
        return b.build();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + WAIT + " waiting for: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static void dropSlot(Database db, String slot) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                sql(db, "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '" + slot + "'");
                return;
            } catch (SQLException e) {
                if (!"55006".equals(e.getSQLState()) || System.nanoTime() > deadline) { // still active: walsender exiting
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    /** The real log, timed: first append started, last append committed, and (optionally) when each key arrived. */
    private static final class TimedLog implements EventLog {
        final EventLog inner;
        final AtomicLong appended = new AtomicLong();
        final AtomicLong appendNanos = new AtomicLong();
        final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        final boolean recordArrivals;
        final CpuClock cpu;
        volatile long firstNanos;
        volatile long lastNanos;
        volatile long cpuFirstNanos;
        volatile long cpuLastNanos;

        TimedLog(EventLog inner, boolean recordArrivals, CpuClock cpu) {
            this.inner = inner;
            this.recordArrivals = recordArrivals;
            this.cpu = cpu;
        }

        @Override
        public int append(List<EventEnvelope> events) {
            if (events.isEmpty()) {
                return 0;
            }
            long start = System.nanoTime();
            if (firstNanos == 0) {
                firstNanos = start;
                cpuFirstNanos = cpu == null ? 0 : cpu.nanos();
            }
            int added = inner.append(events);
            if (CONNECTION_PER_APPEND) {
                inner.close(); // the next append opens a new connection, as the log did before it kept one
            }
            long end = System.nanoTime();
            appendNanos.addAndGet(end - start);
            if (recordArrivals) {
                for (EventEnvelope e : events) {
                    arrivals.putIfAbsent(e.partitionKey(), end);
                }
            }
            lastNanos = end;
            if (cpu != null && cpuLastNanos == 0 && appended.get() + added >= BACKLOG) {
                cpuLastNanos = cpu.nanos(); // before appended: the waiting thread reads it once appended is complete
            }
            appended.addAndGet(added);
            return added;
        }

        @Override
        public List<LoggedEvent> readFrom(long fromSequence, int max) {
            return inner.readFrom(fromSequence, max);
        }

        @Override
        public long headSequence() {
            return inner.headSequence();
        }

        @Override
        public Subscription tail(LongConsumer onAppend) {
            return inner.tail(onAppend);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /**
     * CPU time of this JVM plus the whole of each throwaway cluster: the postmaster, its live children (backends,
     * walsenders, background workers) and the children it has reaped, from Linux's /proc. It counts what the two cores
     * spent on a drain, which other work on the machine disturbs much less than the wall-clock rate. Only the JVM's share
     * for a server whose processes cannot be seen (another OS, or an external server).
     */
    private static final class CpuClock {
        private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final java.util.Set<Long> postmasters;
        private final boolean withJvm;

        private CpuClock(java.util.Set<Long> postmasters, boolean withJvm) {
            this.postmasters = postmasters;
            this.withJvm = withJvm;
        }

        /** This JVM and the clusters of {@code dbs}, each counted once (two databases may share a server). */
        static CpuClock of(Database... dbs) throws SQLException {
            return new CpuClock(postmasters(dbs), true);
        }

        /** The clusters of {@code dbs} alone. */
        static CpuClock serversOnly(Database... dbs) throws SQLException {
            return new CpuClock(postmasters(dbs), false);
        }

        private static java.util.Set<Long> postmasters(Database... dbs) throws SQLException {
            java.util.Set<Long> postmasters = new java.util.HashSet<>();
            for (Database db : dbs) {
                long[] stat;
                try (Connection c = db.connect(); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
                    rs.next(); // read while the backend lives: its parent is the postmaster
                    stat = stat(java.nio.file.Path.of("/proc", Long.toString(rs.getLong(1)), "stat"));
                }
                if (stat.length == 0) {
                    log("CPU: the processes of %s:%d are not visible here; CPU figures leave that server out", db.host(),
                            db.port());
                } else {
                    postmasters.add(stat[1]);
                }
            }
            return java.util.Set.copyOf(postmasters);
        }

        long nanos() {
            long ticks = 0;
            if (!postmasters.isEmpty()) {
                for (long postmaster : postmasters) {
                    long[] pm = stat(java.nio.file.Path.of("/proc", Long.toString(postmaster), "stat"));
                    ticks += pm.length == 0 ? 0 : pm[11] + pm[12] + pm[13] + pm[14];
                }
                try (var dirs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
                    for (java.nio.file.Path d : (Iterable<java.nio.file.Path>) dirs::iterator) {
                        if (d.getFileName().toString().chars().allMatch(Character::isDigit)) {
                            long[] st = stat(d.resolve("stat"));
                            if (st.length > 0 && postmasters.contains(st[1])) {
                                ticks += st[11] + st[12];
                            }
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return (withJvm ? os.getProcessCpuTime() : 0) + ticks * NANOS_PER_TICK;
        }

        /** The numeric fields of /proc/PID/stat after the command name (index 1 = ppid, 11/12 utime/stime, 13/14 of
         * reaped children), or none when the process is not (or no longer) there. */
        private static long[] stat(java.nio.file.Path path) {
            String s;
            try {
                s = java.nio.file.Files.readString(path);
            } catch (java.io.IOException | RuntimeException e) {
                return new long[0];
            }
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            long[] out = new long[15];
            for (int i = 1; i < out.length; i++) {
                out[i] = Long.parseLong(f[i]);
            }
            return out;
        }
    }
}
