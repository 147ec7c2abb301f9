package io.cutover.bench;

import static io.cutover.bench.BenchSql.queryLong;
import static io.cutover.bench.BenchSql.sql;

import java.io.PrintStream;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cutover.bridge.BridgeSchema;
import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.EventLog;
import io.cutover.bridge.EventSource;
import io.cutover.consumers.ConsumerMetrics;
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
 * {@code bench/run consumers}: a 100k-event log (OrderConfirmed, 1,000 partition keys), a {@code NEW} decision stamp
 * for every firing, and one consumer whose effect is one row inserted through a {@link DatabasePort} (in the
 * transaction of the idempotency mark). The same log is drained by a fresh consumer (own name, so own checkpoint and
 * marks) with workers = 1, 2, 4, each after a small warm-up consumer; rate = first event done → last event done.
 */
final class ConsumerThroughput {
    private static final PrintStream LOG = System.err;
    private static final int EVENTS = Integer.getInteger("consumers.events", 100_000);
    private static final int KEYS = Integer.getInteger("consumers.keys", 1_000);
    private static final int[] WORKERS = {1, 2, 4};
    private static final String FLOW = "bench-points";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.logging.Logger FLYWAY_JUL = java.util.logging.Logger.getLogger("org.flywaydb");

    record PointsAwarded(String consumer, String orderId, long customerId, int points) {
    }

    static final DatabasePort<PointsAwarded> LEDGER = (tx, p) -> {
        try (PreparedStatement insert = tx.prepareStatement(
                "insert into bench_ledger (consumer, order_id, customer_id, points) values (?, ?, ?, ?)")) {
            insert.setString(1, p.consumer());
            insert.setString(2, p.orderId());
            insert.setLong(3, p.customerId());
            insert.setInt(4, p.points());
            insert.executeUpdate();
        }
    };

    private ConsumerThroughput() {
    }

    static void run() {
        System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
        FLYWAY_JUL.setLevel(java.util.logging.Level.WARNING);
        long t0 = System.nanoTime();
        try (ThrowawayPostgres pg = ThrowawayPostgres.start()) {
            Database db = pg.createDatabase("consumerbench");
            measure(db);
            log("total %.0f s", (System.nanoTime() - t0) / 1e9);
        } catch (Exception e) {
            throw new IllegalStateException("consumers benchmark failed: " + e.getMessage(), e);
        }
    }

    private static void measure(Database db) throws Exception {
        DataSource ds = db.dataSource();
        BridgeSchema.migrate(ds);
        FlagStoreSchema.migrate(ds);
        ConsumerSchema.migrate(ds);
        sql(db, "create table bench_ledger (id bigserial primary key, consumer text not null, order_id text not null,"
                + " customer_id bigint not null, points integer not null)");

        long t = System.nanoTime();
        try (EventLog log = EventLog.postgres(ds, Clock.systemUTC())) {
            List<EventEnvelope> batch = new ArrayList<>(1000);
            for (int i = 1; i <= EVENTS; i++) {
                long customer = i % KEYS;
                ObjectNode data = JSON.createObjectNode();
                data.put("order_id", "ord-" + i);
                data.put("customer_id", customer);
                data.put("total", "12.50");
                batch.add(new EventEnvelope(UUID.randomUUID(), "OrderConfirmed", 1, Instant.now(),
                        new EventSource("shop", "shop", "orders", 1000L + i, 7), "cust-" + customer, null, null, data));
                if (batch.size() == 1000) {
                    log.append(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                log.append(batch);
            }
        }
        sql(db, "insert into cutover.decision_stamp (flow, occurrence_key, decision, stage, canary_percent, decided_at)"
                + " select '" + FLOW + "', 'ord-' || g, 'NEW', 'CUTOVER', 100, now() from generate_series(1, " + EVENTS + ") g",
                "vacuum analyze cutover.event_log", "vacuum analyze cutover.decision_stamp");
        log("log: %,d events over %,d partition keys appended, %,d NEW stamps inserted in %.1f s", EVENTS, KEYS, EVENTS,
                (System.nanoTime() - t) / 1e9);

        double[] eps = new double[WORKERS.length];
        for (int i = 0; i < WORKERS.length; i++) {
            int workers = WORKERS[i];
            drain(db, "warmup_" + workers, workers, Math.min(10_000, EVENTS)); // JIT and pool warm-up, partial drain
            eps[i] = drain(db, "points_w" + workers, workers, EVENTS);
            sql(db, "delete from bench_ledger", "vacuum analyze bench_ledger",
                    "vacuum analyze cutover.consumer_processed");
        }
        StringBuilder result = new StringBuilder("RESULT consumers");
        for (int i = 0; i < WORKERS.length; i++) {
            result.append(String.format(Locale.ROOT, " eps_workers_%d=%.0f", WORKERS[i], eps[i]));
        }
        result.append(" events=").append(EVENTS).append(" partition_keys=").append(KEYS);
        System.out.println(result);
    }

    /** Runs a fresh consumer until it has done {@code until} events; events/s from first to last done. */
    private static double drain(Database db, String name, int workers, int until) throws Exception {
        Consumer consumer = Consumer.named(name)
                .accepts(Accepts.of("OrderConfirmed", 1))
                .fires(FLOW, e -> e.data().get("order_id").asText())
                .handles((e, effects) -> effects.write(LEDGER, new PointsAwarded(name, e.data().get("order_id").asText(),
                        e.data().get("customer_id").asLong(), 10)));
        RuntimeSettings settings = RuntimeSettings.custom().workers(workers).build();
        long start = System.nanoTime();
        long first = 0;
        long last;
        ConsumerMetrics m;
        try (ConsumerRuntime runtime = ConsumerRuntime.builder(db.dataSource()).settings(settings).consumer(consumer).start()) {
            long deadline = start + TimeUnit.MINUTES.toNanos(10);
            while (true) {
                m = runtime.metrics(name);
                long now = System.nanoTime();
                if (first == 0 && m.processed() > 0) {
                    first = now;
                }
                if (m.processed() >= until) {
                    last = now;
                    break;
                }
                if (now > deadline) {
                    throw new IllegalStateException(name + ": timed out, " + m);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
        }
        if (until < EVENTS) {
            log("  warm-up consumer %s (workers %d): %,d events", name, workers, m.processed());
            return 0;
        }
        long rows = queryLong(db, "select count(*) from bench_ledger where consumer = '" + name + "'");
        long marks = queryLong(db, "select count(*) from cutover.consumer_processed where consumer = '" + name
                + "' and outcome = 'NEW'");
        if (rows != EVENTS || marks != EVENTS) {
            throw new IllegalStateException(name + ": expected " + EVENTS + " effect rows and NEW marks, found " + rows
                    + " / " + marks);
        }
        double eps = (EVENTS - 1) / ((last - first) / 1e9); // first done counts as t=0
        log("workers %d: %,d events done in %.2f s (start -> done %.2f s) = %.0f events/s; performed %d, retries %d,"
                + " dead letters %d, runtime's own p50/p99 append->done %s/%s", workers, EVENTS, (last - first) / 1e9,
                (last - start) / 1e9, eps, m.performed(), m.retries(), m.deadLetters(), m.latencyP50(), m.latencyP99());
        return eps;
    }

    private static void log(String format, Object... args) {
        LOG.printf(Locale.ROOT, "[consumers] " + format + "%n", args);
    }
}
