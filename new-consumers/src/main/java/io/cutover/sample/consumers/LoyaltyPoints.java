package io.cutover.sample.consumers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cutover.consumers.spi.Accepts;
import io.cutover.consumers.spi.Consumer;
import io.cutover.consumers.spi.DatabasePort;

/**
 * Flow {@code loyalty-points}: on {@code OrderConfirmed}, one {@code loyalty_ledger} row (reason
 * {@code ORDER_CONFIRMED}) in the transaction of the runtime's idempotency mark, so it is written exactly once.
 * Occurrence key: the order id. Everything it needs (customer, total, time) is in the event's payload.
 */
public final class LoyaltyPoints {
    public static final String FLOW = "loyalty-points";
    public static final String REASON_ORDER_CONFIRMED = "ORDER_CONFIRMED";

    /** The effect; {@code awardedAt} is the confirm time (the legacy row's {@code created_at}). */
    public record PointsAwarded(long customerId, long orderId, int points, Instant awardedAt) {
    }

    private LoyaltyPoints() {
    }

    static Consumer consumer(LoyaltyRounding rounding) {
        return Consumer.named(FLOW)
                .accepts(Accepts.of(ShopEvents.ORDER_CONFIRMED, ShopEvents.VERSION))
                .fires(FLOW, event -> String.valueOf(ShopEvents.orderId(event)))
                .handles((event, effects) -> effects.write(LEDGER, new PointsAwarded(ShopEvents.customerId(event),
                        ShopEvents.orderId(event), rounding.pointsFor(ShopEvents.total(event)),
                        ShopEvents.at(event, "confirmed_at"))));
    }

    static final DatabasePort<PointsAwarded> LEDGER = new DatabasePort<>() {
        /** As the legacy rule: an order worth less than one point writes no row (but the firing is still described). */
        @Override
        public void write(Connection transaction, PointsAwarded award) throws SQLException {
            if (award.points() <= 0) {
                return;
            }
            try (PreparedStatement insert = transaction.prepareStatement("insert into loyalty_ledger"
                    + " (customer_id, order_id, points, reason, created_at) values (?, ?, ?, ?, ?)")) {
                insert.setLong(1, award.customerId());
                insert.setLong(2, award.orderId());
                insert.setInt(3, award.points());
                insert.setString(4, REASON_ORDER_CONFIRMED);
                insert.setObject(5, ShopTables.timestamp(award.awardedAt()));
                insert.executeUpdate();
            }
        }

        /** The legacy journal's {@code {customerId, orderId, points}}, points 0 included. */
        @Override
        public JsonNode describe(PointsAwarded award) {
            ObjectNode d = JsonNodeFactory.instance.objectNode();
            d.put("customerId", award.customerId());
            d.put("orderId", award.orderId());
            d.put("points", award.points());
            return d;
        }
    };
}
