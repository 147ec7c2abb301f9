package io.cutover.bench;

import static io.cutover.bench.BenchSql.queryLong;
import static io.cutover.bench.BenchSql.sql;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import io.cutover.bridge.Bridge;
import io.cutover.bridge.BridgeConfig;
import io.cutover.bridge.BridgeSchema;
import io.cutover.bridge.EventCatalog;
import io.cutover.bridge.EventLog;
import io.cutover.consumers.ConsumerRuntime;
import io.cutover.consumers.ConsumerSchema;
import io.cutover.consumers.RuntimeSettings;
import io.cutover.consumers.spi.Accepts;
import io.cutover.consumers.spi.Consumer;
import io.cutover.consumers.spi.DatabasePort;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.ThrowawayPostgres;

/**
 * {@code bench/run e2e}: commit → effect latency through the real chain without Liberty. A legacy-like
 * {@code legacy.orders} table ({@code REPLICA IDENTITY FULL}), a catalog file mapping {@code status PENDING -> CONFIRMED}
 * to {@code OrderConfirmed}, the bridge (default 10 ms poll) into the PostgreSQL event log, and the consumer runtime
 * (default settings) with one consumer whose database effect inserts a row stamped {@code clock_timestamp()}. One
 * connection commits single updates at a steady 1,000/s, each with its {@code NEW} decision stamp in the same
 * transaction (as the shim would); after one probe commit has gone end to end, 5 s warm-up, then 10 s measured. Latency = writer's commit returned (wall clock)
 * → the effect row's {@code clock_timestamp()} (the effect's transaction commits right after that insert).
 */
final class EndToEndLatency {
    private static final PrintStream LOG = System.err;
    private static final int RATE = Integer.getInteger("e2e.rate", 1_000);
    private static final int WARMUP_SECONDS = Integer.getInteger("e2e.warmup.seconds", 5);
    private static final int SECONDS = Integer.getInteger("e2e.seconds", 10);
    private static final String FLOW = "order-confirmed";
    private static final java.util.logging.Logger FLYWAY_JUL = java.util.logging.Logger.getLogger("org.flywaydb");

    record OrderConfirmationRecorded(String orderId) {
    }

    static final DatabasePort<OrderConfirmationRecorded> EFFECT = (tx, e) -> {
        try (PreparedStatement insert = tx.prepareStatement(
                "insert into bench_effect (order_id, done_at) values (?, clock_timestamp())")) {
            insert.setLong(1, Long.parseLong(e.orderId()));
            insert.executeUpdate();
        }
    };

    private EndToEndLatency() {
    }

    static void run() {
        System.setProperty("org.slf4j.simpleLogger.log.io.debezium", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
        FLYWAY_JUL.setLevel(java.util.logging.Level.WARNING);
        long t0 = System.nanoTime();
        try (ThrowawayPostgres pg = ThrowawayPostgres.start()) {
            Database db = pg.createDatabase("e2ebench");
            measure(db);
            log("total %.0f s", (System.nanoTime() - t0) / 1e9);
        } catch (Exception e) {
            throw new IllegalStateException("e2e benchmark failed: " + e.getMessage(), e);
        }
    }

    private static void measure(Database db) throws Exception {
        DataSource ds = db.dataSource();
        int warmUp = RATE * WARMUP_SECONDS;
        int measured = RATE * SECONDS;
        int total = warmUp + measured;
        sql(db, "create schema legacy",
                "create table legacy.orders (id bigint primary key, customer_id bigint not null, status text not null,"
                        + " total numeric(12,2) not null)",
                "alter table legacy.orders replica identity full",
                "insert into legacy.orders select g, g % 1000, 'PENDING', 12.50 from generate_series(1, " + (total + 1) + ") g",
                "vacuum analyze legacy.orders",
                "create table bench_effect (order_id bigint primary key, done_at timestamptz not null)");
        BridgeSchema.migrate(ds);
        FlagStoreSchema.migrate(ds);
        ConsumerSchema.migrate(ds);
        Path catalogFile = Files.createTempFile("e2e-catalog", ".yaml");
        Files.writeString(catalogFile, """
                events:
                  - type: OrderConfirmed
                    table: legacy.orders
                    operation: update
                    transition: {status: PENDING -> CONFIRMED}
                    partition_key: id
                    payload: {id: order_id, customer_id: customer_id, total: total}
                """);
        catalogFile.toFile().deleteOnExit();
        EventCatalog catalog = EventCatalog.load(catalogFile);
        BridgeConfig config = BridgeConfig.builder().name("e2e").database(db.host(), db.port(), db.name(), db.user(), db.password())
                .startTimeout(Duration.ofMinutes(2)).build();
        Consumer consumer = Consumer.named("confirmations")
                .accepts(Accepts.of("OrderConfirmed", 1))
                .fires(FLOW, e -> e.data().get("order_id").asText())
                .handles((e, effects) -> effects.write(EFFECT, new OrderConfirmationRecorded(e.data().get("order_id").asText())));

        Map<Long, Instant> committed = new HashMap<>();
        double achieved;
        try (EventLog log = EventLog.postgres(ds, Clock.systemUTC());
                Bridge bridge = Bridge.start(config, catalog, log, Clock.systemUTC());
                ConsumerRuntime runtime = ConsumerRuntime.builder(ds).settings(RuntimeSettings.ofDefaults())
                        .consumer(consumer).start();
                Connection c = db.connect();
                PreparedStatement update = c.prepareStatement(
                        "update legacy.orders set status = 'CONFIRMED' where id = ? and status = 'PENDING'");
                PreparedStatement stamp = c.prepareStatement("insert into cutover.decision_stamp"
                        + " (flow, occurrence_key, decision, stage, canary_percent, decided_at)"
                        + " values ('" + FLOW + "', ?, 'NEW', 'CUTOVER', 100, now())")) {
            log("bridge (poll %d ms) and consumer runtime (%d workers) started; committing %d/s: %d s warm-up, %d s measured",
                    config.pollInterval().toMillis(), RuntimeSettings.DEFAULT_WORKERS, RATE, WARMUP_SECONDS, SECONDS);
            c.setAutoCommit(false);
            // a probe first (the last order): the clock starts once the chain has carried one event end to end
            long probeStart = System.nanoTime();
            update.setLong(1, total + 1);
            update.executeUpdate();
            stamp.setString(1, Long.toString(total + 1));
            stamp.executeUpdate();
            c.commit();
            long probeDeadline = probeStart + TimeUnit.MINUTES.toNanos(2);
            while (queryLong(db, "select count(*) from bench_effect") < 1) {
                if (System.nanoTime() > probeDeadline) {
                    throw new IllegalStateException("probe effect not written after 2 min");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            log("probe: first commit -> effect %.0f ms (chain start-up)", (System.nanoTime() - probeStart) / 1e6);
            long period = TimeUnit.SECONDS.toNanos(1) / RATE;
            long begin = System.nanoTime();
            long measuredBegin = 0;
            for (int i = 0; i < total; i++) {
                long due = begin + i * period;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (i == warmUp) {
                    measuredBegin = System.nanoTime();
                }
                long id = i + 1;
                update.setLong(1, id);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("order " + id + " not updated");
                }
                stamp.setString(1, Long.toString(id));
                stamp.executeUpdate();
                c.commit();
                Instant done = Instant.now();
                if (i >= warmUp) {
                    committed.put(id, done);
                }
            }
            achieved = measured / ((System.nanoTime() - measuredBegin) / 1e9);
            log("committed %d measured updates at %.0f/s", measured, achieved);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            long effects;
            while ((effects = queryLong(db, "select count(*) from bench_effect")) < total + 1) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + effects + " of " + total + " effects after 2 min; bridge "
                            + bridge.stats() + ", consumer " + runtime.metrics("confirmations"));
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            log("all %d effects (and the probe's) written; bridge %s; consumer's own append->done p50/p99 %s/%s", total, bridge.stats(),
                    runtime.metrics("confirmations").latencyP50(), runtime.metrics("confirmations").latencyP99());
        }

        Latencies latencies = new Latencies();
        Latencies[] perSecond = new Latencies[SECONDS];
        for (int k = 0; k < SECONDS; k++) {
            perSecond[k] = new Latencies();
        }
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select order_id, extract(epoch from done_at) * 1000000 from bench_effect"
                        + " where order_id > " + warmUp + " and order_id <= " + total)) {
            while (rs.next()) {
                Instant commit = committed.get(rs.getLong(1));
                long commitMicros = commit.getEpochSecond() * 1_000_000L + commit.getNano() / 1_000;
                long nanos = (rs.getLong(2) - commitMicros) * 1_000L;
                latencies.add(nanos);
                perSecond[(int) Math.min(SECONDS - 1, (rs.getLong(1) - warmUp - 1) / RATE)].add(nanos);
            }
        }
        StringBuilder bySecond = new StringBuilder();
        for (int k = 0; k < SECONDS; k++) {
            bySecond.append(String.format(Locale.ROOT, " %d:%.0f/%.0f", k + 1, perSecond[k].percentileMillis(50),
                    perSecond[k].percentileMillis(99)));
        }
        log("p50/p99 ms per measured second:%s", bySecond);
        if (latencies.count() != measured) {
            throw new IllegalStateException("expected " + measured + " measured effects, found " + latencies.count());
        }
        log("commit -> effect: %d events, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", latencies.count(),
                latencies.percentileMillis(50), latencies.percentileMillis(90), latencies.percentileMillis(99),
                latencies.percentileMillis(100));
        System.out.printf(Locale.ROOT, "RESULT e2e p50_ms=%.1f p99_ms=%.1f p90_ms=%.1f max_ms=%.1f commits_per_s=%.0f events=%d%n",
                latencies.percentileMillis(50), latencies.percentileMillis(99), latencies.percentileMillis(90),
                latencies.percentileMillis(100), achieved, measured);
    }

    private static void log(String format, Object... args) {
        LOG.printf(Locale.ROOT, "[e2e] " + format + "%n", args);
    }
}
