package io.cutover.bench;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cutover.demo.DemoEnvironment;
import io.cutover.demo.ShopClient;
import io.cutover.flags.Stage;

/**
 * What adopting the shim costs a legacy request: {@code POST /orders/{id}/confirm} (four flows decided) on one Liberty
 * server with the shim and one with {@code legacy.cutover.shim.enabled=false}, same build, same database, same fakes.
 * Measured twice: with every flow on LEGACY (the cost of adoption: decisions in memory) and with every flow in
 * SHADOW (each decision stamped and each effect journaled in the request's transaction). Rounds alternate, one
 * request at a time, so drift on the machine hits both servers alike.
 */
final class ShimOverhead {

    private static final int WARM_UP = 500;
    private static final int ROUNDS = 4;
    private static final int PER_ROUND = 500;

    private ShimOverhead() {
    }

    static void run() {
        PrintStream log = System.err;
        try (DemoEnvironment env = DemoEnvironment.start(DemoEnvironment.Layout.fromSystemProperties(),
                line -> log.println("[shim] " + line))) {
            ShopClient with = new ShopClient(env.legacyAppUrl());
            ShopClient without = new ShopClient(env.startAnotherLegacyServer(
                    Map.of("legacy.cutover.shim.enabled", "false"), line -> log.println("[shim] " + line)));
            long customer = with.createCustomer("Bench Ben", "ben@bench.test", "1 Load Lane");
            long product = with.createProduct("BENCH-1", "Benchmark widget", new BigDecimal("12.34"), 1_000_000);

            int perVariant = 2 * (WARM_UP + ROUNDS * PER_ROUND);
            log.printf("[shim] placing %d pending orders ...%n", 2 * perVariant);
            Deque<Long> pending = new ArrayDeque<>();
            for (int i = 0; i < 2 * perVariant; i++) {
                pending.add(with.placeOrder(customer, List.of(ShopClient.line(product, 1 + i % 3))).get("id").asLong());
            }

            log.printf("[shim] warm-up: %d confirms on each server%n", WARM_UP);
            confirm(with, pending, WARM_UP, new Latencies());
            confirm(without, pending, WARM_UP, new Latencies());

            Measured legacy = measure(with, without, pending, log, "LEGACY");
            env.flags().flows().forEach(flow -> env.flags().set(flow.flow(), Stage.SHADOW, "bench", "bench"));
            // the warm-up round also gives every shim time to see the new stage (it listens: well under a second)
            confirm(with, pending, WARM_UP, new Latencies());
            confirm(without, pending, WARM_UP, new Latencies());
            Measured shadow = measure(with, without, pending, log, "SHADOW");

            System.out.printf(Locale.ROOT, "confirm order, %d requests each after %d warm-up; flows on LEGACY: with shim"
                    + " p50 %.2f ms p99 %.2f ms, bypassed p50 %.2f ms p99 %.2f ms; flows in SHADOW: with shim p50 %.2f ms"
                    + " p99 %.2f ms, bypassed p50 %.2f ms%n", ROUNDS * PER_ROUND, WARM_UP, legacy.p50With(),
                    legacy.p99With(), legacy.p50Without(), legacy.p99Without(), shadow.p50With(), shadow.p99With(),
                    shadow.p50Without());
            System.out.printf(Locale.ROOT, "RESULT shim p50_ms_with=%.3f p50_ms_without=%.3f overhead_p50_pct=%.1f"
                            + " p99_ms_with=%.3f p99_ms_without=%.3f p50_ms_with_shadow=%.3f p50_ms_without_shadow=%.3f"
                            + " overhead_p50_pct_shadow=%.1f p99_ms_with_shadow=%.3f requests_each=%d%n",
                    legacy.p50With(), legacy.p50Without(), legacy.overheadPct(), legacy.p99With(), legacy.p99Without(),
                    shadow.p50With(), shadow.p50Without(), shadow.overheadPct(), shadow.p99With(), ROUNDS * PER_ROUND);
        }
    }

    private record Measured(double p50With, double p50Without, double p99With, double p99Without) {
        double overheadPct() {
            return 100.0 * (p50With - p50Without) / p50Without;
        }
    }

    private static Measured measure(ShopClient with, ShopClient without, Deque<Long> pending, PrintStream log,
                                    String stage) {
        Latencies withShim = new Latencies();
        Latencies withoutShim = new Latencies();
        for (int round = 0; round < ROUNDS; round++) {
            boolean withFirst = round % 2 == 0;
            confirm(withFirst ? with : without, pending, PER_ROUND, withFirst ? withShim : withoutShim);
            confirm(withFirst ? without : with, pending, PER_ROUND, withFirst ? withoutShim : withShim);
            log.printf(Locale.ROOT, "[shim] %s round %d/%d: p50 with %.2f ms, without %.2f ms%n", stage, round + 1,
                    ROUNDS, withShim.percentileMillis(50), withoutShim.percentileMillis(50));
        }
        return new Measured(withShim.percentileMillis(50), withoutShim.percentileMillis(50),
                withShim.percentileMillis(99), withoutShim.percentileMillis(99));
    }

    private static void confirm(ShopClient shop, Deque<Long> pending, int requests, Latencies latencies) {
        for (int i = 0; i < requests; i++) {
            long order = pending.removeFirst();
            long start = System.nanoTime();
            shop.confirm(order);
            latencies.add(System.nanoTime() - start);
        }
    }
}
