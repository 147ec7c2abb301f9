package io.cutover.sample.consumers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cutover.bridge.EventEnvelope;
import io.cutover.consumers.spi.Accepts;
import io.cutover.consumers.spi.Consumer;
import io.cutover.consumers.spi.DatabasePort;
import io.cutover.consumers.spi.Firing;

/**
 * Flow {@code stock-reservation}, three firings per order, keyed as the legacy shim keys them: {@code OrderConfirmed}
 * reserves every line ({@code id:RESERVED}), {@code OrderCancelled} of a confirmed order releases it
 * ({@code id:RELEASED}; a pending order's cancel fires nothing, as in the legacy code), {@code OrderShipped} takes it
 * off the shelf ({@code id:SHIPPED}). Counters and {@code stock_movements} rows change in the transaction of the
 * runtime's idempotency mark, exactly once. One consumer owns all three firings, so a cancel or ship always finds the
 * reservation this consumer made (the legacy README's mixed-path hazard cannot arise between them).
 * <p>
 * Not enough stock at confirm: the legacy path refuses the confirm (409, rolled back); here the confirm has already
 * committed, so the reservation fails, is retried and then dead-lettered for an operator, and the order's later stock
 * events wait behind it.
 */
public final class StockReservation {
    public static final String FLOW = "stock-reservation";

    public enum Kind { RESERVED, RELEASED, SHIPPED }

    public record Line(long productId, int quantity) {
    }

    /** The effect: every line of one order moved the same way, at the time of the order's transition. */
    public record StockMoved(long orderId, Kind kind, List<Line> lines, Instant at) {
        public StockMoved {
            lines = List.copyOf(lines);
        }
    }

    private StockReservation() {
    }

    static Consumer consumer(ShopTables shop) {
        return Consumer.named(FLOW)
                .accepts(Accepts.of(ShopEvents.ORDER_CONFIRMED, ShopEvents.VERSION)
                        .and(ShopEvents.ORDER_CANCELLED, ShopEvents.VERSION)
                        .and(ShopEvents.ORDER_SHIPPED, ShopEvents.VERSION))
                .firing(event -> kind(event).map(kind -> new Firing(FLOW, ShopEvents.orderId(event) + ":" + kind)))
                .handles((event, effects) -> {
                    Kind kind = kind(event).orElseThrow();
                    long orderId = ShopEvents.orderId(event);
                    List<Line> lines = shop.order(orderId).lines().stream()
                            .map(l -> new Line(l.productId(), l.quantity())).toList();
                    effects.write(MOVEMENTS, new StockMoved(orderId, kind, lines, ShopEvents.at(event, timeField(kind))));
                });
    }

    /** Which movement the event asks for; empty for the cancel of an order that was never confirmed. */
    static Optional<Kind> kind(EventEnvelope event) {
        return switch (event.type()) {
            case ShopEvents.ORDER_CONFIRMED -> Optional.of(Kind.RESERVED);
            // the catalog fills confirmed_at only when a confirmed order (with reserved stock) was cancelled
            case ShopEvents.ORDER_CANCELLED -> ShopEvents.has(event, "confirmed_at") ? Optional.of(Kind.RELEASED)
                    : Optional.empty();
            case ShopEvents.ORDER_SHIPPED -> Optional.of(Kind.SHIPPED);
            default -> Optional.empty();
        };
    }

    private static String timeField(Kind kind) {
        return switch (kind) {
            case RESERVED -> "confirmed_at";
            case RELEASED -> "cancelled_at";
            case SHIPPED -> "shipped_at";
        };
    }

    static final DatabasePort<StockMoved> MOVEMENTS = new DatabasePort<>() {
        @Override
        public void write(Connection tx, StockMoved moved) throws SQLException {
            for (Line line : moved.lines()) {
                switch (moved.kind()) {
                    case RESERVED -> reserve(tx, moved.orderId(), line);
                    case RELEASED -> adjust(tx, line.productId(), 0, -line.quantity());
                    case SHIPPED -> adjust(tx, line.productId(), -line.quantity(), -line.quantity());
                }
                // signed as the legacy journal: into the reservation positive, out of it negative
                int quantity = moved.kind() == Kind.RESERVED ? line.quantity() : -line.quantity();
                try (PreparedStatement insert = tx.prepareStatement("insert into stock_movements"
                        + " (product_id, order_id, kind, quantity, reason, at) values (?, ?, ?, ?, null, ?)")) {
                    insert.setLong(1, line.productId());
                    insert.setLong(2, moved.orderId());
                    insert.setString(3, moved.kind().name());
                    insert.setInt(4, quantity);
                    insert.setObject(5, ShopTables.timestamp(moved.at()));
                    insert.executeUpdate();
                }
            }
        }

        /** The legacy journal's {@code {orderId, kind, lines: [{productId, quantity}]}}, quantities unsigned. */
        @Override
        public JsonNode describe(StockMoved moved) {
            ObjectNode d = JsonNodeFactory.instance.objectNode();
            d.put("orderId", moved.orderId());
            d.put("kind", moved.kind().name());
            ArrayNode lines = d.putArray("lines");
            moved.lines().forEach(l -> lines.addObject().put("productId", l.productId()).put("quantity", l.quantity()));
            return d;
        }
    };

    private static void reserve(Connection tx, long orderId, Line line) throws SQLException {
        try (PreparedStatement st = tx.prepareStatement("update products set stock_reserved = stock_reserved + ?"
                + " where id = ? and stock_on_hand - stock_reserved >= ?")) {
            st.setInt(1, line.quantity());
            st.setLong(2, line.productId());
            st.setInt(3, line.quantity());
            if (st.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement st = tx.prepareStatement(
                "select sku, stock_on_hand - stock_reserved from products where id = ?")) {
            st.setLong(1, line.productId());
            try (ResultSet rs = st.executeQuery()) {
                String what = rs.next() ? "product " + rs.getString(1) + ": " + rs.getInt(2) + " available"
                        : "product " + line.productId() + " does not exist";
                throw new SampleConsumerException("cannot reserve " + line.quantity() + " for order " + orderId
                        + ", " + what);
            }
        }
    }

    /** Moves both counters; the table's checks refuse a release or shipment of stock that was never reserved. */
    private static void adjust(Connection tx, long productId, int onHand, int reserved) throws SQLException {
        try (PreparedStatement st = tx.prepareStatement("update products set stock_on_hand = stock_on_hand + ?,"
                + " stock_reserved = stock_reserved + ? where id = ?")) {
            st.setInt(1, onHand);
            st.setInt(2, reserved);
            st.setLong(3, productId);
            st.executeUpdate();
        }
    }
}
