package io.cutover.demo;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

import io.cutover.plan.client.AdminClient;
import io.cutover.testsupport.fakes.ReceivedMail;

/**
 * One flow's migration, as an operator walks it through the cutover WAR's admin API: SHADOW (the new consumer runs,
 * its effects are compared with the legacy path's), CUTOVER (refused by the plan's readiness gate, then forced with a
 * reason, as the audit shows; the new consumer sends the mail, the legacy code skips it), then the rollback switch.
 * Which path sent a mail shows in the mail itself: the new consumer adds its idempotency key header.
 */
final class FlowWalk {

    static final String FLOW = "confirmation-mail";
    private static final String NEW_PATH_HEADER = "X-Idempotency-Key";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** What the walk saw: compared firings and matches in SHADOW, mails per path in CUTOVER and after rollback. */
    record Result(long compared, long matched, boolean gateRefusedCutover, int newPathMailsAtCutover,
                  int legacyMailsAfterRollback) { }

    private final DemoEnvironment env;
    private final AdminClient cutover;
    private final ShopClient shop;
    private final PrintStream out;

    FlowWalk(DemoEnvironment env, AdminClient cutover, ShopClient shop, PrintStream out) {
        this.env = env;
        this.cutover = cutover;
        this.shop = shop;
        this.out = out;
    }

    Result walk(long customer) {
        out.println();
        out.println("== Cutover: walking flow " + FLOW + " through the admin API: LEGACY -> SHADOW -> CUTOVER -> rollback");
        long product = shop.createProduct("GIFT-25", "Gift card", new BigDecimal("25.00"), 1_000);

        move("SHADOW", "shadow: compare the new consumer with the legacy mailer", false, customer, product);
        List<Long> shadowed = confirmOrders(customer, product, 3);
        until("the shadow mails are compared", () -> flow().path("compared").asLong() >= shadowed.size());
        JsonNode compared = flow();
        long matched = Math.round(compared.path("matchRate").asDouble() * compared.path("compared").asLong());
        out.printf("  compared %d firings: %d match (match rate %.1f %%)%n", compared.path("compared").asLong(), matched,
                100 * compared.path("matchRate").asDouble());
        out.printf("  the customers got %d mails for these orders, all from the legacy mailer%n", mailsFor(shadowed, false));

        boolean refused = false;
        try {
            move("CUTOVER", "cutover: comparison clean", false, customer, product);
        } catch (AdminClient.AdminApiRefusedException e) {
            refused = e.status() == 409;
            out.println("  CUTOVER refused by the plan's readiness gate (a demo has minutes, the plan asks for days):");
            e.problem().path("checks").forEach(check -> out.printf("    %-4s %-22s required %s, observed %s%n",
                    check.path("passed").asBoolean() ? "ok" : "FAIL", check.path("name").asText(),
                    check.path("required").asText(), check.path("observed").asText()));
            move("CUTOVER", "demo: all compared firings match; forced past the time-based checks", true, customer,
                    product);
        }
        List<Long> cutOver = confirmOrders(customer, product, 2);
        until("the new consumer mails", () -> mailsFor(cutOver, true) == cutOver.size());
        int newPath = mailsFor(cutOver, true);
        out.printf("  %d orders confirmed: %d mails sent by the new consumer, %d by the legacy code%n", cutOver.size(),
                newPath, mailsFor(cutOver, false));

        JsonNode rollback = cutover.post("/flows/" + FLOW + "/rollback", Map.of("reason", "rollback switch pulled in the demo"));
        awaitShopFollows(rollback.path("to").asText(), customer, product);
        out.printf("  rollback: %s -> %s%n", rollback.path("from").asText(), rollback.path("to").asText());
        List<Long> back = confirmOrders(customer, product, 1);
        int legacyAgain = mailsFor(back, false);
        out.printf("  after the rollback: %d mail from the legacy code, %d from the new consumer%n", legacyAgain,
                mailsFor(back, true));

        out.println("  the flow's audit:");
        cutover.get("/flows/" + FLOW + "/history").forEach(change -> out.printf("    %s -> %s  by %s: %s%n",
                change.path("from").isNull() ? "(registered)" : change.path("from").asText(), change.path("to").asText(),
                change.path("actor").asText(), change.path("reason").asText()));
        return new Result(compared.path("compared").asLong(), matched, refused, newPath, legacyAgain);
    }

    private void move(String stage, String reason, boolean force, long customer, long product) {
        JsonNode change = cutover.post("/flows/" + FLOW + "/stage", Map.of("stage", stage, "reason", reason, "force", force));
        awaitShopFollows(stage, customer, product);
        out.printf("  %s -> %s by %s (%s)%n", change.path("from").asText(), change.path("to").asText(),
                change.path("actor").asText(), change.path("reason").asText());
    }

    private JsonNode flow() {
        for (JsonNode flow : cutover.get("/flows")) {
            if (flow.path("flow").asText().equals(FLOW)) {
                return flow;
            }
        }
        throw new IllegalStateException("the cutover WAR does not know flow " + FLOW);
    }

    /** The shim picks a change up within a second; a probe order (not counted anywhere) shows when. */
    private void awaitShopFollows(String stage, long customer, long product) {
        until("the shop follows " + stage, () -> {
            long probe = confirmOrders(customer, product, 1).get(0);
            String decision = stamp(String.valueOf(probe));
            return stage.equals("LEGACY") ? decision == null
                    : stage.equals("SHADOW") ? "SHADOW".equals(decision) : "NEW".equals(decision);
        });
    }

    private List<Long> confirmOrders(long customer, long product, int count) {
        List<Long> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long order = shop.placeOrder(customer, List.of(ShopClient.line(product, 1))).get("id").asLong();
            shop.confirm(order);
            orders.add(order);
        }
        return orders;
    }

    private int mailsFor(List<Long> orders, boolean fromTheNewPath) {
        int mails = 0;
        for (ReceivedMail mail : env.smtp.received()) {
            boolean ofTheseOrders = orders.stream().anyMatch(order -> mail.subject().equals("Order " + order + " confirmed"));
            if (ofTheseOrders && mail.headers().containsKey(NEW_PATH_HEADER) == fromTheNewPath) {
                mails++;
            }
        }
        return mails;
    }

    private String stamp(String key) {
        try (Connection connection = env.legacyDatabase.connect();
             PreparedStatement select = connection.prepareStatement(
                     "select decision from cutover.decision_stamp where flow = ? and occurrence_key = ?")) {
            select.setString(1, FLOW);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the decision stamps: " + e.getMessage(), e);
        }
    }

    private static void until(String what, BooleanSupplier condition) {
        RetryPolicy<Boolean> retry = RetryPolicy.<Boolean>builder().handleResult(false)
                .withDelay(Duration.ofMillis(200)).withMaxDuration(PATIENCE).withMaxRetries(-1).build();
        if (!Failsafe.with(retry).get(condition::getAsBoolean)) {
            throw new IllegalStateException("gave up waiting until " + what + " after " + PATIENCE);
        }
    }
}
