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
import java.util.function.BooleanSupplier;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

import io.cutover.consumers.compare.FlowSummary;
import io.cutover.consumers.compare.Outcome;
import io.cutover.flags.Stage;
import io.cutover.flags.StageChange;
import io.cutover.testsupport.fakes.ReceivedMail;

/**
 * One flow's migration, as an operator walks it: SHADOW (the new consumer runs, its effects are compared with the
 * legacy path's), CUTOVER (the new consumer sends the mail, the legacy code skips it), then the rollback switch.
 * Which path sent a mail shows in the mail itself: the new consumer adds its idempotency key header.
 */
final class FlowWalk {

    static final String FLOW = "confirmation-mail";
    private static final String NEW_PATH_HEADER = "X-Idempotency-Key";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** What the walk saw: compared firings and matches in SHADOW, mails per path in CUTOVER and after rollback. */
    record Result(long compared, long matched, int newPathMailsAtCutover, int legacyMailsAfterRollback) { }

    private final DemoEnvironment env;
    private final CutoverSide cutover;
    private final ShopClient shop;
    private final PrintStream out;

    FlowWalk(DemoEnvironment env, CutoverSide cutover, ShopClient shop, PrintStream out) {
        this.env = env;
        this.cutover = cutover;
        this.shop = shop;
        this.out = out;
    }

    Result walk(long customer) {
        out.println();
        out.println("== Cutover: walking flow " + FLOW + ": LEGACY -> SHADOW -> CUTOVER -> rollback");
        long product = shop.createProduct("GIFT-25", "Gift card", new BigDecimal("25.00"), 1_000);

        move(Stage.SHADOW, "shadow: compare the new consumer with the legacy mailer", customer, product);
        List<Long> shadowed = confirmOrders(customer, product, 3);
        until("the shadow mails are compared", () -> {
            cutover.compare();
            FlowSummary summary = summary();
            return summary != null && summary.compared() >= shadowed.size();
        });
        FlowSummary summary = summary();
        out.printf("  compared %d firings: %d match (match rate %.1f %%), lag p99 %s%n", summary.compared(),
                summary.count(Outcome.MATCH), 100 * summary.matchRate(), summary.lagP99());
        out.printf("  the customers got %d mails for these orders, all from the legacy mailer%n", mailsFor(shadowed, false));

        move(Stage.CUTOVER, "cutover: comparison clean", customer, product);
        List<Long> cutOver = confirmOrders(customer, product, 2);
        until("the new consumer mails", () -> mailsFor(cutOver, true) == cutOver.size());
        int newPath = mailsFor(cutOver, true);
        out.printf("  %d orders confirmed: %d mails sent by the new consumer, %d by the legacy code%n", cutOver.size(),
                newPath, mailsFor(cutOver, false));

        StageChange rollback = env.flags.rollback(FLOW, "rollback switch pulled in the demo", "demo");
        awaitShopFollows(Stage.LEGACY, customer, product);
        out.printf("  rollback: %s -> %s%n", rollback.from(), rollback.to());
        List<Long> back = confirmOrders(customer, product, 1);
        int legacyAgain = mailsFor(back, false);
        out.printf("  after the rollback: %d mail from the legacy code, %d from the new consumer%n", legacyAgain,
                mailsFor(back, true));

        out.println("  the flow's audit:");
        env.flags.history(FLOW).forEach(change -> out.printf("    %s -> %s  by %s: %s%n",
                change.from() == null ? "(registered)" : change.from(), change.to(), change.actor(), change.reason()));
        return new Result(summary.compared(), summary.count(Outcome.MATCH), newPath,
                legacyAgain);
    }

    private void move(Stage stage, String reason, long customer, long product) {
        StageChange change = env.flags.set(FLOW, stage, reason, "demo");
        awaitShopFollows(stage, customer, product);
        out.printf("  %s -> %s (%s)%n", change.from(), change.to(), reason);
    }

    /** The shim picks a change up within a second; a probe order (not counted anywhere) shows when. */
    private void awaitShopFollows(Stage stage, long customer, long product) {
        until("the shop follows " + stage, () -> {
            long probe = confirmOrders(customer, product, 1).get(0);
            String decision = stamp(String.valueOf(probe));
            return stage.equals(Stage.LEGACY) ? decision == null
                    : stage.equals(Stage.SHADOW) ? "SHADOW".equals(decision) : "NEW".equals(decision);
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

    private FlowSummary summary() {
        return cutover.summaries(3).stream().filter(s -> s.flow().equals(FLOW)).findFirst()
                .orElse(null);
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
