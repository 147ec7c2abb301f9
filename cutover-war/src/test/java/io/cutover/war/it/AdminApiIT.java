package io.cutover.war.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cutover.flags.Stage;
import io.cutover.flags.StageChange;

/** The admin API of the cutover WAR, beside the legacy shop on the same Liberty server, over real HTTP. */
class AdminApiIT extends BothWars {
    private final Http nobody = Http.anonymous(env.baseUrl());
    private final Http operator = Http.as(env.baseUrl(), CutoverEnvironment.OPERATOR, env.operatorPassword);
    private final Http viewer = Http.as(env.baseUrl(), CutoverEnvironment.VIEWER, env.viewerPassword);

    @Test
    void refusesCallersWithoutCredentials() {
        Http.Reply reply = nobody.get("/cutover/api/flows");

        assertProblem(reply, 401);
        assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));
        assertThat(nobody.get("/cutover/api/flows", "X-Requested-With", "cutover-page").headers()
                .firstValue("WWW-Authenticate")).as("the page's calls get no challenge a browser would answer itself")
                .hasValueSatisfying(challenge -> assertThat(challenge).doesNotStartWith("Basic"));
        assertThat(Http.anonymous(env.baseUrl()).post("/cutover/api/flows/loyalty-points/rollback",
                Map.of("reason", "no one")).status()).isEqualTo(401);
        assertThat(Http.as(env.baseUrl(), CutoverEnvironment.OPERATOR, "wrong").get("/cutover/api/flows").status())
                .isEqualTo(401);
    }

    @Test
    void letsAViewerReadButNotChange() {
        assertThat(viewer.get("/cutover/api/flows").status()).isEqualTo(200);

        Http.Reply refused = viewer.post("/cutover/api/flows/stock-reservation/rollback", Map.of("reason", "curious"));

        assertProblem(refused, 403);
        assertThat(refused.json().get("detail").asText()).contains("operator");
        assertThat(env.flags().history("stock-reservation")).extracting(StageChange::actor)
                .doesNotContain(CutoverEnvironment.VIEWER);
    }

    @Test
    void auditsAnOperatorsRollbackWithTheOperatorsName() {
        Http.Reply reply = operator.post("/cutover/api/flows/loyalty-points/rollback",
                Map.of("reason", "points look wrong"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("from").asText()).isEqualTo("SHADOW");
        assertThat(reply.json().get("to").asText()).isEqualTo("LEGACY");
        assertThat(reply.json().get("actor").asText()).isEqualTo(CutoverEnvironment.OPERATOR);
        List<StageChange> history = env.flags().history("loyalty-points");
        assertThat(history).last().satisfies(change -> {
            assertThat(change.to()).isEqualTo(Stage.LEGACY);
            assertThat(change.actor()).isEqualTo(CutoverEnvironment.OPERATOR);
            assertThat(change.reason()).isEqualTo("points look wrong");
        });
        JsonNode audited = operator.get("/cutover/api/flows/loyalty-points/history").json();
        assertThat(audited.get(audited.size() - 1).get("actor").asText()).isEqualTo(CutoverEnvironment.OPERATOR);
    }

    @Test
    void movesForwardOnlyThroughThePlansGateOrForcedAndRefusesBadRequests() {
        Http.Reply moved = operator.post("/cutover/api/flows/warehouse-notification/stage",
                Map.of("stage", "SHADOW", "reason", "start comparing", "force", false));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("to").asText()).isEqualTo("SHADOW");

        Http.Reply refused = operator.post("/cutover/api/flows/warehouse-notification/stage",
                Map.of("stage", "CANARY 10%", "reason", "looks fine", "force", false));
        assertProblem(refused, 409);
        assertThat(refused.json().get("checks")).anySatisfy(check -> {
            assertThat(check.get("name").asText()).isEqualTo("min-compared");
            assertThat(check.get("passed").asBoolean()).isFalse();
        });
        Http.Reply forced = operator.post("/cutover/api/flows/warehouse-notification/stage",
                Map.of("stage", "CANARY 10%", "reason", "drill", "force", true));
        assertThat(forced.status()).as(forced.body()).isEqualTo(200);
        assertThat(forced.json().get("to").asText()).isEqualTo("CANARY 10%");
        assertThat(operator.post("/cutover/api/flows/warehouse-notification/rollback", Map.of("to", "SHADOW",
                "reason", "drill over")).json().get("to").asText()).isEqualTo("SHADOW");

        assertProblem(operator.post("/cutover/api/flows/warehouse-notification/stage",
                Map.of("stage", "HALFWAY", "reason", "x")), 400);
        assertProblem(operator.post("/cutover/api/flows/warehouse-notification/stage", Map.of("stage", "CUTOVER")), 400);
        assertProblem(operator.post("/cutover/api/flows/warehouse-notification/stage",
                Map.of("stage", "SHADOW", "reason", "x", "force", "yes")), 400);
        assertProblem(operator.post("/cutover/api/flows/warehouse-notification/stage", "{not json"), 400);
        assertProblem(operator.post("/cutover/api/flows/no-such-flow/stage",
                Map.of("stage", "SHADOW", "reason", "x")), 404);
        assertProblem(operator.post("/cutover/api/flows/warehouse-notification/rollback",
                Map.of("to", "CUTOVER", "reason", "x")), 400);
        assertProblem(operator.get("/cutover/api/flows/no-such-flow/history"), 404);
    }

    @Test
    void showsAnOrderPlacedInTheLegacyShopAsAShadowComparedConfirmationMail() {
        Http shop = Http.anonymous(env.baseUrl());
        String email = "ada-" + UUID.randomUUID() + "@example.test";
        long customer = shop.post("/legacy-app/api/customers", Map.of("name", "Ada", "email", email,
                "shippingAddress", "1 Main St")).json().get("id").asLong();
        long product = shop.post("/legacy-app/api/products", Map.of("sku", "SKU-" + UUID.randomUUID(), "name", "Lamp",
                "price", new BigDecimal("19.99"), "stockOnHand", 10)).json().get("id").asLong();
        long order = shop.post("/legacy-app/api/orders", Map.of("customerId", customer,
                "lines", List.of(Map.of("productId", product, "quantity", 2)))).json().get("id").asLong();
        assertThat(shop.post("/legacy-app/api/orders/" + order + "/confirm", "").status()).isEqualTo(200);

        JsonNode mail = await("the confirmation mail compared in shadow").atMost(Duration.ofSeconds(60))
                .until(() -> flow("confirmation-mail"), flow -> flow.get("compared").asLong() >= 1);

        assertThat(mail.get("stage").asText()).isEqualTo("SHADOW");
        assertThat(mail.get("matchRate").asDouble()).isEqualTo(1.0);
        assertThat(mail.get("gate").get("passed").asBoolean()).as("one comparison is not 200").isFalse();
        assertThat(mail.get("gate").get("checks").size()).isGreaterThan(1);
        assertThat(env.smtp().receivedBy(email)).as("the legacy path mailed, the shadow did not").hasSize(1);
        JsonNode consumers = operator.get("/cutover/api/consumers").json();
        JsonNode mailer = StreamSupport.stream(consumers.spliterator(), false)
                .filter(c -> c.get("consumer").asText().equals("confirmation-mail")).findFirst().orElseThrow();
        assertThat(mailer.get("shadowRecorded").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(mailer.get("performed").asLong()).isZero();
    }

    @Test
    void handsOutDeadLettersReplayAndTheSlot() {
        Http.Reply letters = viewer.get("/cutover/api/consumers/confirmation-mail/dead-letters");
        assertThat(letters.status()).isEqualTo(200);
        assertThat(letters.json().isArray()).isTrue();
        assertProblem(viewer.get("/cutover/api/consumers/no-such-consumer/dead-letters"), 404);
        assertProblem(operator.post("/cutover/api/consumers/confirmation-mail/dead-letters/" + UUID.randomUUID()
                + "/redrive", ""), 404);
        assertProblem(operator.post("/cutover/api/consumers/confirmation-mail/dead-letters/not-a-uuid/skip",
                Map.of("reason", "x")), 400);

        Http.Reply replay = operator.post("/cutover/api/consumers/order-audit/replay", Map.of("fromSequence", 1));
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().get("nextSequence").asLong()).isEqualTo(1);
        assertProblem(operator.post("/cutover/api/consumers/order-audit/replay", Map.of()), 400);
        assertProblem(operator.post("/cutover/api/consumers/order-audit/replay", Map.of("fromTime", "yesterday")), 400);
        assertProblem(viewer.post("/cutover/api/consumers/order-audit/replay", Map.of("fromSequence", 1)), 403);

        JsonNode slot = viewer.get("/cutover/api/slot").json();
        assertThat(slot.get("slot").asText()).isEqualTo("cutover_shop");
        assertThat(slot.get("active").asBoolean()).isTrue();
        assertThat(slot.get("lagBytes").isNumber()).isTrue();
    }

    @Test
    void buildsTheShadowComparisonReportForReadersOnly() {
        Http.Reply json = viewer.get("/cutover/api/report");
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        List<String> flows = StreamSupport.stream(json.json().get("flows").spliterator(), false)
                .map(flow -> flow.get("flow").asText()).toList();
        assertThat(flows).as("the plan's flows, in its order").isEqualTo(CutoverEnvironment.FLOWS);
        assertThat(json.json().get("flows").get(0).get("gate").get("checks").size()).isGreaterThan(1);

        Http.Reply html = viewer.get("/cutover/api/report/html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        // URLs may appear as text (a dead letter's error names the warehouse), never as something the page loads
        assertThat(html.body()).contains("<h1>Cutover report", "confirmation-mail", "order-audit")
                .doesNotContainPattern("(src|href|xlink:href|url\\()\\s*=?\\s*[\"']?https?://");
        assertThat(nobody.get("/cutover/api/report/html").status()).isEqualTo(401);
    }

    @Test
    void reportsHealthAndMetrics() {
        for (String probe : List.of("/health/started", "/health/live", "/health/ready")) {
            Http.Reply health = await(probe + " up").atMost(Duration.ofSeconds(60))
                    .until(() -> nobody.get(probe), reply -> reply.status() == 200);
            assertThat(health.body()).contains("cutover-");
        }
        Http.Reply metrics = nobody.get("/metrics?scope=application");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("cutover_consumer_processed", "cutover_slot_lag_bytes",
                "cutover_flow_match_rate");
        assertThat(metrics.body()).as("a healthy bridge has not restarted")
                .containsPattern("(?m)^cutover_bridge_restarts\\{[^}]*} 0(\\.0)?$");
    }

    private JsonNode flow(String name) {
        JsonNode flows = operator.get("/cutover/api/flows").json();
        return StreamSupport.stream(flows.spliterator(), false).filter(f -> f.get("flow").asText().equals(name))
                .findFirst().orElseThrow();
    }

    private static void assertProblem(Http.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertThat(reply.json().get("title").asText()).isNotBlank();
        assertThat(reply.json().get("detail").asText()).isNotBlank();
    }
}
