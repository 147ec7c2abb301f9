package io.cutover.sample.legacy.it;

import static io.cutover.sample.legacy.it.ShopDb.count;
import static io.cutover.sample.legacy.it.ShopDb.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cutover.flags.Decision;
import io.cutover.flags.FlagStore;
import io.cutover.flags.Stage;
import io.cutover.sample.legacy.cutover.CutoverFlows;
import io.cutover.testsupport.fakes.ReceivedRequest;

/**
 * The invariant: exactly one path performs each firing of a flow, whatever the flags do meanwhile. Orders go
 * through the shop on Liberty from several threads while another thread flips the five flows between stages at
 * random; afterwards the legacy effect of every firing must exist exactly when its stamp says the legacy path acts
 * (no stamp: the flow was on the legacy path; a NEW stamp is the new consumer's one effect, so legacy + new = 1).
 */
@LegacyIT
class ExactlyOnePathIT {

    private static final int MIN_FLIPS = 1_000;
    private static final int MIN_ORDERS = 200;
    private static final int SHOPPERS = 4;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.legacyApp();
    }

    @ArquillianResource
    URL base;

    /** The transitions that committed, per order, as the shop answered them. */
    private final Map<Long, List<String>> committed = new ConcurrentHashMap<>();
    private final Map<Long, List<String>> refused = new ConcurrentHashMap<>();

    @AfterEach
    void backToLegacy() {
        FlagStore flags = LegacyEnvironment.current().flags();
        CutoverFlows.ALL.forEach(flow -> flags.rollback(flow, "end of the random-flip test", "exactly-one-path-it"));
        ShopApi shop = new ShopApi(base);
        long customer = shop.newCustomer("Probe Pia").get("id").asLong();
        long product = shop.newProduct("Probe", "1.00", 10).get("id").asLong();
        await("every flow back on the legacy path in the shop").atMost(Duration.ofSeconds(5))
                .ignoreExceptions().until(() -> {
            long order = shop.placeOrder(customer, product, 1).get("id").asLong();
            shop.post("orders/" + order + "/confirm").ok(200);
            shop.post("orders/" + order + "/ship").ok(200);
            // on the legacy path the shim stamps nothing
            return count("select count(*) from cutover.decision_stamp where occurrence_key = ? or occurrence_key like ?",
                    String.valueOf(order), order + ":%") == 0;
        });
    }

    @Test
    void everyFiringIsPerformedByExactlyOnePathWhileStagesFlipAtRandom() throws Exception {
        ShopApi shop = new ShopApi(base);
        long customer = shop.newCustomer("Flip Flo").get("id").asLong();
        long product = shop.newProduct("Widget", "10.00", 1_000_000).get("id").asLong();
        long seed = System.nanoTime();
        System.out.println("[exactly-one-path] random seed " + seed);
        AtomicInteger flips = new AtomicInteger();
        AtomicInteger orders = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(SHOPPERS + 1);
        try {
            Future<?> flipper = pool.submit(() -> flipAtRandom(new Random(seed), flips));
            List<Future<?>> shoppers = new ArrayList<>();
            for (int s = 0; s < SHOPPERS; s++) {
                Random random = new Random(seed + s + 1);
                shoppers.add(pool.submit(() -> {
                    while (flips.get() < MIN_FLIPS || orders.get() < MIN_ORDERS) {
                        shopOnce(shop, customer, product, random);
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
        }
        System.out.printf("[exactly-one-path] %d flips, %d orders, %d refused transitions%n", flips.get(), orders.get(),
                refused.values().stream().mapToInt(List::size).sum());

        Map<String, String> stamps = stamps();
        Set<String> firings = new HashSet<>();
        Set<String> flowsTheLegacyPathPerformed = new HashSet<>();
        committed.forEach((order, transitions) -> firingsOf(order, transitions).forEach((flowAndKey, legacyEffects) -> {
            // no stamp: the flow was on the legacy path, which is not stamped
            String decision = stamps.get(flowAndKey);
            int legacy = legacyEffects;
            int fresh = decision != null && Decision.valueOf(decision) == Decision.NEW ? 1 : 0;
            assertThat(legacy + fresh).as("%s performed by legacy (%d) + new (%d), stamp %s", flowAndKey, legacy, fresh,
                    decision).isEqualTo(1);
            firings.add(flowAndKey);
            if (legacy == 1) {
                flowsTheLegacyPathPerformed.add(flowAndKey.substring(0, flowAndKey.indexOf('/')));
            }
        }));
        assertThat(stamps.keySet()).as("no stamp without a committed firing")
                .filteredOn(key -> isOrderOf(key, committed.keySet()))
                .allMatch(firings::contains);
        refused.forEach((order, transitions) -> transitions.forEach(transition -> assertThat(
                count("select count(*) from cutover.decision_stamp where occurrence_key = ?", order + ":" + transition))
                .as("a refused %s of order %d left no stamp", transition, order).isZero()));
        assertThat(flowsTheLegacyPathPerformed).as("flows the legacy path performed at least once")
                .containsExactlyInAnyOrderElementsOf(CutoverFlows.ALL);
        for (String flow : CutoverFlows.ALL) {
            assertThat(stamps.entrySet()).as("flow %s went to the new path at least once", flow)
                    .filteredOn(stamp -> stamp.getKey().startsWith(flow + "/"))
                    .extracting(Map.Entry::getValue).contains("NEW");
        }
        assertThat(flips.get()).isGreaterThanOrEqualTo(MIN_FLIPS);
    }

    private void flipAtRandom(Random random, AtomicInteger flips) {
        FlagStore flags = LegacyEnvironment.current().flags();
        List<Stage> stages = List.of(Stage.LEGACY, Stage.SHADOW, Stage.CUTOVER);
        while (flips.get() < MIN_FLIPS) {
            String flow = CutoverFlows.ALL.get(random.nextInt(CutoverFlows.ALL.size()));
            Stage stage = random.nextInt(4) == 0 ? Stage.canary(1 + random.nextInt(99)) : stages.get(random.nextInt(3));
            flags.set(flow, stage, "random flip " + flips.get(), "exactly-one-path-it");
            flips.incrementAndGet();
        }
    }

    /** Place, confirm, then ship two times in three, cancel otherwise; remembers which transitions committed. */
    private void shopOnce(ShopApi shop, long customer, long product, Random random) {
        long order = shop.placeOrder(customer, product, 1 + random.nextInt(3)).get("id").asLong();
        committed.computeIfAbsent(order, o -> new ArrayList<>()).add("PLACED");
        attempt(shop, order, "confirm");
        if (committed.get(order).contains("CONFIRMED")) {
            attempt(shop, order, random.nextInt(3) == 0 ? "cancel" : "ship");
        }
    }

    private void attempt(ShopApi shop, long order, String action) {
        String transition = switch (action) {
            case "confirm" -> "CONFIRMED";
            case "cancel" -> "CANCELLED";
            default -> "SHIPPED";
        };
        ShopApi.Reply reply = shop.post("orders/" + order + "/" + action);
        if (reply.status() == 200) {
            committed.get(order).add(transition);
        } else {
            // a mixed path the shop cannot survive yet (e.g. stock reserved by an absent new consumer): rolled back
            assertThat(reply.status()).as("%s of order %d: %s", action, order, reply.body()).isIn(409, 500);
            refused.computeIfAbsent(order, o -> new ArrayList<>()).add(transition);
        }
    }

    /** Each firing of the order's committed transitions, as "flow/key", with how many legacy effects it has. */
    private Map<String, Integer> firingsOf(long order, List<String> transitions) {
        Map<String, Integer> firings = new HashMap<>();
        for (String transition : transitions) {
            firings.put(CutoverFlows.ORDER_AUDIT + "/" + order + ":" + transition, (int) count(
                    "select count(*) from audit_log where entity = 'order' and entity_id = ? and action = ?", order,
                    transition));
        }
        if (transitions.contains("CONFIRMED")) {
            firings.put(stock(order, "RESERVED"), stockMovements(order, "RESERVED"));
            firings.put(CutoverFlows.LOYALTY_POINTS + "/" + order,
                    (int) count("select count(*) from loyalty_ledger where order_id = ?", order));
            firings.put(CutoverFlows.CONFIRMATION_MAIL + "/" + order, (int) LegacyEnvironment.current().smtp().received()
                    .stream().filter(mail -> mail.subject().equals("Order " + order + " confirmed")).count());
        }
        if (transitions.contains("CANCELLED")) {
            firings.put(stock(order, "RELEASED"), stockMovements(order, "RELEASED"));
        }
        if (transitions.contains("SHIPPED")) {
            firings.put(stock(order, "SHIPPED"), stockMovements(order, "SHIPPED"));
            firings.put(CutoverFlows.WAREHOUSE_NOTIFICATION + "/" + order, (int) LegacyEnvironment.current().warehouse()
                    .received().stream().filter(request -> isShipmentOf(request, order)).count());
        }
        return firings;
    }

    private static String stock(long order, String kind) {
        return CutoverFlows.STOCK_RESERVATION + "/" + order + ":" + kind;
    }

    private static int stockMovements(long order, String kind) {
        return (int) count("select count(*) from stock_movements where order_id = ? and kind = ?", order, kind);
    }

    private static boolean isShipmentOf(ReceivedRequest request, long order) {
        try {
            return ShopApi.JSON.readTree(request.body()).get("orderId").asLong() == order;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the warehouse got a body that is not JSON: " + request.body(), e);
        }
    }

    private static boolean isOrderOf(String flowAndKey, java.util.Set<Long> orders) {
        String key = flowAndKey.substring(flowAndKey.indexOf('/') + 1);
        int colon = key.indexOf(':');
        return orders.contains(Long.parseLong(colon < 0 ? key : key.substring(0, colon)));
    }

    private static Map<String, String> stamps() {
        Map<String, String> stamps = new HashMap<>();
        rows("select flow, occurrence_key, decision from cutover.decision_stamp").forEach(row -> stamps.put(
                row.get("flow") + "/" + row.get("occurrence_key"), (String) row.get("decision")));
        return stamps;
    }
}
