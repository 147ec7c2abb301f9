package io.cutover.war.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cutover.flags.Stage;
import io.cutover.plan.cli.CutoverCli;

/**
 * The operator's {@code cutover dlq} and {@code cutover replay} against the running WAR's admin API: a warehouse outage
 * while the new path owns the warehouse call makes a real dead letter, which the CLI lists and redrives.
 */
class OperatorCliIT extends BothWars {
    private static final String FLOW = "warehouse-notification";
    private static final Pattern EVENT_ID = Pattern.compile("^([0-9a-f-]{36}) ", Pattern.MULTILINE);
    private final Http shop = Http.anonymous(env.baseUrl());
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void warehouseBackAndFlowBackInShadow() {
        env.warehouse().reset();
        env.flags().set(FLOW, Stage.SHADOW, "OperatorCliIT done", "cutover-it");
    }

    @Test
    void listsRedrivesAndReplaysARealDeadLetterThroughTheAdminApi() {
        env.flags().set(FLOW, Stage.CUTOVER, "the new consumer calls the warehouse", "cutover-it");
        env.warehouse().respondWith(503);
        long order = shippedOrder();

        await("the warehouse call dead-lettered").atMost(Duration.ofSeconds(60)).until(() -> {
            assertThat(cutover(CutoverEnvironment.OPERATOR, env.operatorPassword, "dlq", "list", FLOW)).isZero();
            return out.toString().contains("OrderShipped");
        });
        Matcher listed = EVENT_ID.matcher(out.toString());
        assertThat(listed.find()).as(out.toString()).isTrue();
        String eventId = listed.group(1);
        assertThat(out.toString()).contains(String.valueOf(order), "1 dead letter(s)", "503");

        assertThat(cutover(CutoverEnvironment.OPERATOR, env.operatorPassword, "dlq", "redrive", FLOW, eventId)).isZero();
        assertThat(out.toString()).contains("event " + eventId + " failed again and stays parked");

        long refusedCalls = shipmentsOf(order); // the warehouse records the 503-answered attempts too
        assertThat(refusedCalls).as("the plan's dead-letter policy: 8 attempts, then 8 more for the failed redrive")
                .isEqualTo(16);
        env.warehouse().respondWith(202);
        assertThat(cutover(CutoverEnvironment.OPERATOR, env.operatorPassword, "dlq", "redrive", FLOW, eventId)).isZero();
        assertThat(out.toString()).contains("redriven: event " + eventId + " went through");
        assertThat(shipmentsOf(order)).as("one more call, answered this time").isEqualTo(refusedCalls + 1);
        assertThat(cutover(CutoverEnvironment.OPERATOR, env.operatorPassword, "dlq", "list", FLOW)).isZero();
        assertThat(out.toString()).contains("no dead letters for " + FLOW);

        assertThat(cutover(CutoverEnvironment.OPERATOR, env.operatorPassword, "replay", FLOW, "--from", "1")).isZero();
        assertThat(out.toString()).contains(FLOW + " replays from sequence 1");
        await("the replay done").pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30))
                .until(() -> shipmentsOf(order) == refusedCalls + 1);
    }

    @Test
    void refusesAViewerAndSaysWhatIsWrong() {
        assertThat(cutover(CutoverEnvironment.VIEWER, env.viewerPassword, "dlq", "skip", FLOW,
                UUID.randomUUID().toString(), "--reason", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("403 user '" + CutoverEnvironment.VIEWER + "' may not do this");

        assertThat(cutover(CutoverEnvironment.VIEWER, env.viewerPassword, "dlq", "list", "no-such-consumer")).isEqualTo(2);
        assertThat(err.toString()).contains("404");
        assertThat(cutover(CutoverEnvironment.VIEWER, "wrong", "dlq", "list", FLOW)).isEqualTo(2);
        assertThat(err.toString()).contains("401 not authenticated");
        assertThat(cutover(CutoverEnvironment.OPERATOR, env.operatorPassword, "replay", FLOW, "--from", "yesterday"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--from must be a log sequence or an ISO-8601 instant");
    }

    private int cutover(String user, String password, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return CutoverCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("CUTOVER_ADMIN_URL", env.baseUrl() + "/cutover", "CUTOVER_ADMIN_USER", user,
                        "CUTOVER_ADMIN_PASSWORD", password), Clock.systemUTC());
    }

    private long shippedOrder() {
        long customer = shop.post("/legacy-app/api/customers", Map.of("name", "Ada", "email",
                "ada-" + UUID.randomUUID() + "@example.test", "shippingAddress", "1 Main St")).json().get("id").asLong();
        long product = shop.post("/legacy-app/api/products", Map.of("sku", "SKU-" + UUID.randomUUID(), "name", "Lamp",
                "price", new BigDecimal("19.99"), "stockOnHand", 10)).json().get("id").asLong();
        long order = shop.post("/legacy-app/api/orders", Map.of("customerId", customer,
                "lines", List.of(Map.of("productId", product, "quantity", 1)))).json().get("id").asLong();
        assertThat(shop.post("/legacy-app/api/orders/" + order + "/confirm", "").status()).isEqualTo(200);
        Http.Reply shipped = shop.post("/legacy-app/api/orders/" + order + "/ship", "");
        assertThat(shipped.status()).as("the legacy path skips the warehouse call: %s", shipped.body()).isEqualTo(200);
        return order;
    }

    private long shipmentsOf(long order) {
        return env.warehouse().received().stream()
                .filter(request -> request.body().contains("\"orderId\":" + order + ",")).count();
    }
}
