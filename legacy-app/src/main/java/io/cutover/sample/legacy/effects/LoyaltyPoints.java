package io.cutover.sample.legacy.effects;

import io.cutover.sample.legacy.db.Jdbc;
import io.cutover.sample.legacy.order.Order;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;

/**
 * Side effect: loyalty points for a confirmed order, one {@code loyalty_ledger} row in the caller's transaction.
 * Rule: 1 point per whole currency unit of the order total, rounded down (49.99 earns 49); an order worth less
 * than 1 earns nothing and writes no row. Points are not taken back when the order is later cancelled.
 */
@ApplicationScoped
public class LoyaltyPoints {

    public static final String REASON_ORDER_CONFIRMED = "ORDER_CONFIRMED";

    @Inject
    Jdbc jdbc;

    @Inject
    Clock clock;

    public static int pointsFor(BigDecimal total) {
        return total.setScale(0, RoundingMode.DOWN).intValueExact();
    }

    public void awardFor(Order order) {
        int points = pointsFor(order.total());
        if (points <= 0) {
            return;
        }
        jdbc.update("insert into loyalty_ledger (customer_id, order_id, points, reason, created_at) "
                        + "values (?, ?, ?, ?, ?)", order.customerId(), order.id(), points, REASON_ORDER_CONFIRMED,
                clock.instant());
    }
}
