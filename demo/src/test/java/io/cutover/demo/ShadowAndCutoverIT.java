package io.cutover.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cutover.flags.Stage;
import io.cutover.plan.host.CutoverHost;
import io.cutover.plan.host.HostSettings;
import io.cutover.sample.consumers.LoyaltyRounding;
import io.cutover.sample.consumers.SampleConsumers;
import io.cutover.sample.consumers.SampleConsumersConfig;
import io.cutover.testsupport.postgres.Database;

/**
 * The whole chain on real systems: the legacy shop on Liberty with its shim, the bridge capturing its tables, the
 * shop's new consumers in the runtime, the comparator. Shadow runs match the legacy path; a deliberate difference
 * shows as a field diff; cutover moves every effect to the new path and rollback moves it back; and under random
 * flips every firing is performed exactly once, by whichever path its stamp names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShadowAndCutoverIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FLOWS = DemoEnvironment.SHOP_FLOWS;
    private static final Duration CAUGHT_UP = Duration.ofSeconds(60);

    private DemoEnvironment env;
    private CutoverHost cutover;
    private ShopClient shop;
    private long customer;
    private long product;

    @BeforeAll
    void start() {
        env = DemoEnvironment.start(DemoEnvironment.Layout.fromSystemProperties(), line -> System.err.println("[e2e] " + line));
        cutover = startCutover(LoyaltyRounding.DOWN);
        shop = new ShopClient(env.legacyAppUrl());
        customer = shop.createCustomer("Eve Endtoend", "eve@shop.test", "2 Pipeline Road");
        // 10.60 a piece: rounding the points down or half-up differs
        product = shop.createProduct("E2E-1", "Widget", new BigDecimal("10.60"), 1_000_000);
    }

    @AfterAll
    void stop() {
        try {
            if (cutover != null) {
                cutover.close();
            }
        } finally {
            if (env != null) {
                env.close();
            }
        }
    }

    @Test
    @Order(1)
    void shadowRunsOfAllFiveFlowsMatchWhatTheLegacyPathDid() {
        allFlowsTo(Stage.SHADOW);
        long shipped = orderThrough("confirm", "ship");
        long cancelledAfterConfirm = orderThrough("confirm", "cancel");
        long cancelledPending = orderThrough("cancel");

        Map<String, String> expected = new HashMap<>();
        for (String firing : List.of(
                "confirmation-mail/" + shipped, "confirmation-mail/" + cancelledAfterConfirm,
                "loyalty-points/" + shipped, "loyalty-points/" + cancelledAfterConfirm,
                "stock-reservation/" + shipped + ":RESERVED", "stock-reservation/" + shipped + ":SHIPPED",
                "stock-reservation/" + cancelledAfterConfirm + ":RESERVED",
                "stock-reservation/" + cancelledAfterConfirm + ":RELEASED",
                "warehouse-notification/" + shipped,
                "order-audit/" + shipped + ":PLACED", "order-audit/" + shipped + ":CONFIRMED",
                "order-audit/" + shipped + ":SHIPPED", "order-audit/" + cancelledAfterConfirm + ":PLACED",
                "order-audit/" + cancelledAfterConfirm + ":CONFIRMED",
                "order-audit/" + cancelledAfterConfirm + ":CANCELLED",
                "order-audit/" + cancelledPending + ":PLACED", "order-audit/" + cancelledPending + ":CANCELLED")) {
            expected.put(firing, "MATCH");
        }
        await("every shadow firing compared").atMost(CAUGHT_UP).until(() -> {
            cutover.compareNow();
            return outcomes(List.of(shipped, cancelledAfterConfirm, cancelledPending)).size() == expected.size();
        });

        assertThat(outcomes(List.of(shipped, cancelledAfterConfirm, cancelledPending))).isEqualTo(expected);
        assertThat(mailsFor(shipped)).as("the legacy path mailed; the shadow run did not").isEqualTo(1);
        assertThat(shipmentsOf(shipped)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aDeliberateDifferenceInTheNewConsumerShowsAsAMismatchWithTheFieldDiff() throws IOException {
        cutover.close();
        cutover = startCutover(LoyaltyRounding.HALF_UP);
        try {
            allFlowsTo(Stage.SHADOW);
            long order = orderThrough("confirm");

            await("the loyalty and mail firings compared").atMost(CAUGHT_UP).until(() -> {
                cutover.compareNow();
                Map<String, String> outcomes = outcomes(List.of(order));
                return outcomes.containsKey("loyalty-points/" + order) && outcomes.containsKey("confirmation-mail/" + order);
            });

            assertThat(outcomes(List.of(order))).containsEntry("loyalty-points/" + order, "MISMATCH")
                    .containsEntry("confirmation-mail/" + order, "MATCH");
            assertThat(diff("loyalty-points", String.valueOf(order))).isEqualTo(JSON.readTree(
                    "[{\"op\":\"replace\",\"path\":\"/points\",\"fromValue\":10,\"value\":11}]"));
        } finally {
            cutover.close();
            cutover = startCutover(LoyaltyRounding.DOWN);
        }
    }

    @Test
    @Order(3)
    void atCutoverTheNewPathActsAndTheRollbackSwitchReturnsEveryEffectToTheLegacyPath() {
        allFlowsTo(Stage.CUTOVER);
        long newPath = orderThrough("confirm", "ship");

        awaitExactlyOneEffectEach(Map.of(newPath, List.of("PLACED", "CONFIRMED", "SHIPPED")));
        assertThat(count("select count(*) from cutover.effect_journal where occurrence_key in (?, ?)",
                String.valueOf(newPath), newPath + ":CONFIRMED")).as("the legacy path skipped its effects").isZero();

        FLOWS.forEach(flow -> env.flags.rollback(flow, "e2e: back to legacy", "e2e"));
        allFlowsTo(Stage.LEGACY);
        long legacyPath = orderThrough("confirm", "ship");

        awaitExactlyOneEffectEach(Map.of(legacyPath, List.of("PLACED", "CONFIRMED", "SHIPPED")));
        assertThat(count("select count(*) from cutover.decision_stamp where occurrence_key = ? or occurrence_key like ?",
                String.valueOf(legacyPath), legacyPath + ":%")).as("no stamp: the legacy path acted again").isZero();
    }

    @Test
    @Order(4)
    void underRandomFlipsEveryFiringIsPerformedExactlyOnceByLegacyAndNewTogether() throws Exception {
        Map<Long, List<String>> committed = new ConcurrentHashMap<>();
        AtomicInteger flips = new AtomicInteger();
        AtomicInteger orders = new AtomicInteger();
        long seed = System.nanoTime();
        System.err.println("[e2e] random seed " + seed);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> flipper = pool.submit(() -> {
                Random random = new Random(seed);
                List<Stage> stages = List.of(Stage.LEGACY, Stage.SHADOW, Stage.CUTOVER);
                while (flips.get() < 1_000) {
                    Stage stage = random.nextInt(4) == 0 ? Stage.canary(1 + random.nextInt(99)) : stages.get(random.nextInt(3));
                    env.flags.set(FLOWS.get(random.nextInt(FLOWS.size())), stage, "random flip", "e2e");
                    flips.incrementAndGet();
                }
            });
            List<Future<?>> shoppers = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                Random random = new Random(seed + s + 1);
                shoppers.add(pool.submit(() -> {
                    while (flips.get() < 1_000 || orders.get() < 60) {
                        long order = shop.placeOrder(customer, List.of(ShopClient.line(product, 1 + random.nextInt(3))))
                                .get("id").asLong();
                        List<String> done = new ArrayList<>(List.of("PLACED"));
                        if (attempt(order, "confirm")) {
                            done.add("CONFIRMED");
                            String last = random.nextInt(3) == 0 ? "cancel" : "ship";
                            if (attempt(order, last)) {
                                done.add(last.equals("ship") ? "SHIPPED" : "CANCELLED");
                            }
                        }
                        committed.put(order, done);
                        orders.incrementAndGet();
                    }
                    return null;
                }));
            }
            flipper.get(5, TimeUnit.MINUTES);
            for (Future<?> shopper : shoppers) {
                shopper.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            FLOWS.forEach(flow -> env.flags.rollback(flow, "e2e: end of random flips", "e2e"));
        }
        System.err.printf("[e2e] %d flips, %d orders%n", flips.get(), orders.get());

        awaitExactlyOneEffectEach(committed);
        assertThat(cutover.consumers()).allSatisfy(metrics -> assertThat(metrics.deadLetters()).isZero());
    }

    // --- the chain

    /**
     * Cutover for the shop in this JVM (the cutover WAR's core): the sample's catalog and rules, its five consumers on
     * the demo's fakes with {@code rounding}; comparisons run when the test asks.
     */
    private CutoverHost startCutover(LoyaltyRounding rounding) {
        Path sample = Path.of(DemoEnvironment.Layout.required("cutover.sample.dir"));
        Database legacy = env.legacyDatabase();
        Map<String, String> config = Map.of(
                "cutover.bridge.name", "shop",
                "cutover.bridge.db.host", legacy.host(),
                "cutover.bridge.db.port", String.valueOf(legacy.port()),
                "cutover.bridge.db.name", legacy.name(),
                "cutover.bridge.db.user", legacy.user(),
                "cutover.bridge.db.password", legacy.password(),
                "cutover.bridge.set-replica-identity", "true",
                "cutover.catalog", sample.resolve("catalog.yaml").toString(),
                "cutover.comparator", sample.resolve("comparator.yaml").toString(),
                "cutover.comparison.interval-ms", String.valueOf(Duration.ofHours(1).toMillis()));
        SampleConsumersConfig consumers = SampleConsumersConfig.custom().smtp(env.smtp.host(), env.smtp.port())
                .warehouse(env.warehouse.url()).loyaltyRounding(rounding).build();
        return CutoverHost.builder(HostSettings.from(key -> Optional.ofNullable(config.get(key))), legacy.dataSource())
                .consumers(SampleConsumers.of(legacy.dataSource(), consumers).all()).start();
    }

    /**
     * Sets every flow and waits until the shop's shim follows (a probe order, not counted anywhere): it stamps
     * SHADOW or NEW, and stamps nothing on the legacy path.
     */
    private void allFlowsTo(Stage stage) {
        FLOWS.forEach(flow -> env.flags.set(flow, stage, "e2e", "e2e"));
        String decision = stage.equals(Stage.SHADOW) ? "SHADOW" : "NEW";
        await("the shop's shim follows " + stage).atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            long probe = shop.placeOrder(customer, List.of(ShopClient.line(product, 1))).get("id").asLong();
            String sql = "select count(*) from cutover.decision_stamp where flow = 'order-audit' and occurrence_key = ?";
            return stage.equals(Stage.LEGACY) ? count(sql, probe + ":PLACED") == 0
                    : count(sql + " and decision = ?", probe + ":PLACED", decision) == 1;
        });
    }

    private long orderThrough(String... transitions) {
        long order = shop.placeOrder(customer, List.of(ShopClient.line(product, 1))).get("id").asLong();
        for (String transition : transitions) {
            assertThat(attempt(order, transition)).as("%s of order %d", transition, order).isTrue();
        }
        return order;
    }

    private boolean attempt(long order, String transition) {
        try {
            switch (transition) {
                case "confirm" -> shop.confirm(order);
                case "cancel" -> shop.cancel(order);
                default -> shop.ship(order);
            }
            return true;
        } catch (IllegalStateException refused) {
            // a mixed stock path the legacy code cannot survive (409/500): rolled back, nothing fired
            assertThat(refused.getMessage()).containsAnyOf("answered 409", "answered 500");
            return false;
        }
    }

    /**
     * For each order and each of its committed transitions, every effect that transition fires exists exactly once,
     * whichever path performed it; holds for a while, so a late duplicate fails too.
     */
    private void awaitExactlyOneEffectEach(Map<Long, List<String>> transitions) {
        await("every firing performed exactly once").atMost(CAUGHT_UP)
                .untilAsserted(() -> assertThat(overOrUnder(transitions)).as("firings without exactly one effect").isEmpty());
        await("and no second effect turns up").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(overOrUnder(transitions)).as("firings without exactly one effect").isEmpty());
    }

    /** The firings whose effect count is not 1, as "flow/key=count"; a few grouped queries, not one per firing. */
    private List<String> overOrUnder(Map<Long, List<String>> transitions) throws IOException {
        Map<String, Long> effects = new HashMap<>();
        query("select entity_id, action, count(*) from audit_log where entity = 'order' group by 1, 2",
                row -> effects.put("order-audit/" + row.getLong(1) + ":" + row.getString(2), row.getLong(3)));
        query("select order_id, count(*) from loyalty_ledger where order_id is not null group by 1",
                row -> effects.put("loyalty-points/" + row.getLong(1), row.getLong(2)));
        query("select order_id, kind, count(*) from stock_movements where order_id is not null group by 1, 2",
                row -> effects.put("stock-reservation/" + row.getLong(1) + ":" + row.getString(2), row.getLong(3)));
        for (var mail : env.smtp.received()) {
            effects.merge("confirmation-mail/" + mail.subject().replaceAll("\\D", ""), 1L, Long::sum);
        }
        for (var request : env.warehouse.received()) {
            effects.merge("warehouse-notification/" + JSON.readTree(request.body()).get("orderId").asLong(), 1L, Long::sum);
        }
        List<String> wrong = new ArrayList<>();
        transitions.forEach((order, done) -> firingsOf(order, done).forEach(firing -> {
            long n = effects.getOrDefault(firing, 0L);
            if (n != 1) {
                wrong.add(firing + "=" + n);
            }
        }));
        return wrong;
    }

    /** The firings an order's committed transitions fire, as "flow/key" (one order line each here). */
    private static List<String> firingsOf(long order, List<String> done) {
        List<String> firings = new ArrayList<>();
        done.forEach(transition -> firings.add("order-audit/" + order + ":" + transition));
        if (done.contains("CONFIRMED")) {
            firings.addAll(List.of("confirmation-mail/" + order, "loyalty-points/" + order,
                    "stock-reservation/" + order + ":RESERVED"));
        }
        if (done.contains("SHIPPED")) {
            firings.addAll(List.of("stock-reservation/" + order + ":SHIPPED", "warehouse-notification/" + order));
        }
        if (done.contains("CANCELLED") && done.contains("CONFIRMED")) {
            firings.add("stock-reservation/" + order + ":RELEASED");
        }
        return firings;
    }

    // --- reading the systems

    private long mailsFor(long order) {
        return env.smtp.received().stream().filter(mail -> mail.subject().equals("Order " + order + " confirmed")).count();
    }

    private long shipmentsOf(long order) {
        return env.warehouse.received().stream().filter(request -> request.body().contains("\"orderId\":" + order + ",")
                || request.body().contains("\"orderId\":" + order + "}")).count();
    }

    /** Outcome per "flow/key" of the comparisons of these orders' firings. */
    private Map<String, String> outcomes(List<Long> orders) {
        Map<String, String> outcomes = new HashMap<>();
        query("select flow, occurrence_key, outcome from cutover.comparison_result where mode = 'SHADOW'", row -> {
            String key = row.getString(2);
            int colon = key.indexOf(':');
            long order = Long.parseLong(colon < 0 ? key : key.substring(0, colon));
            if (orders.contains(order)) {
                outcomes.put(row.getString(1) + "/" + key, row.getString(3));
            }
        });
        return outcomes;
    }

    private JsonNode diff(String flow, String key) throws IOException {
        List<String> diffs = new ArrayList<>();
        query("select diff::text from cutover.comparison_result where mode = 'SHADOW' and flow = '" + flow
                + "' and occurrence_key = '" + key + "'", row -> diffs.add(row.getString(1)));
        assertThat(diffs).hasSize(1);
        return JSON.readTree(diffs.get(0));
    }

    private long count(String sql, Object... params) {
        try (Connection connection = env.legacyDatabase.connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private void query(String sql, RowReader reader) {
        try (Connection connection = env.legacyDatabase.connect();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
