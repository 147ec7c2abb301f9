package io.cutover.sample.consumers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cutover.bridge.EventEnvelope;
import io.cutover.consumers.spi.Accepts;
import io.cutover.consumers.spi.Consumer;
import io.cutover.consumers.spi.DatabasePort;

/**
 * Flow {@code order-audit}: one {@code audit_log} row per order transition ({@code OrderPlaced}, {@code OrderConfirmed},
 * {@code OrderCancelled}, {@code OrderShipped}), in the transaction of the runtime's idempotency mark. Occurrence key
 * {@code id:ACTION} ({@code 42:PLACED}), as the legacy shim keys it. Customer and product creation stay the legacy
 * path's (unflagged there too).
 */
public final class OrderAudit {
    public static final String FLOW = "order-audit";

    /** The effect; {@code fromStatus} is null for a new order, {@code at} the transition's time. */
    public record AuditEntryWritten(long entityId, String action, String fromStatus, String toStatus, Instant at) {
    }

    private OrderAudit() {
    }

    static Consumer consumer() {
        return Consumer.named(FLOW)
                .accepts(Accepts.of(ShopEvents.ORDER_PLACED, ShopEvents.VERSION)
                        .and(ShopEvents.ORDER_CONFIRMED, ShopEvents.VERSION)
                        .and(ShopEvents.ORDER_CANCELLED, ShopEvents.VERSION)
                        .and(ShopEvents.ORDER_SHIPPED, ShopEvents.VERSION))
                .fires(FLOW, event -> ShopEvents.orderId(event) + ":" + entry(event).action())
                .handles((event, effects) -> effects.write(AUDIT_LOG, entry(event)));
    }

    /** The transition an event stands for, with the statuses the legacy {@code OrderService} audits. */
    static AuditEntryWritten entry(EventEnvelope event) {
        long id = ShopEvents.orderId(event);
        return switch (event.type()) {
            case ShopEvents.ORDER_PLACED -> new AuditEntryWritten(id, "PLACED", null, "PENDING",
                    ShopEvents.at(event, "placed_at"));
            case ShopEvents.ORDER_CONFIRMED -> new AuditEntryWritten(id, "CONFIRMED", "PENDING", "CONFIRMED",
                    ShopEvents.at(event, "confirmed_at"));
            // the catalog's OrderCancelled carries confirmed_at only for a cancelled confirmed order
            case ShopEvents.ORDER_CANCELLED -> new AuditEntryWritten(id, "CANCELLED",
                    ShopEvents.has(event, "confirmed_at") ? "CONFIRMED" : "PENDING", "CANCELLED",
                    ShopEvents.at(event, "cancelled_at"));
            case ShopEvents.ORDER_SHIPPED -> new AuditEntryWritten(id, "SHIPPED", "CONFIRMED", "SHIPPED",
                    ShopEvents.at(event, "shipped_at"));
            default -> throw new SampleConsumerException("order-audit does not know event type " + event.type());
        };
    }

    static final DatabasePort<AuditEntryWritten> AUDIT_LOG = new DatabasePort<>() {
        @Override
        public void write(Connection tx, AuditEntryWritten entry) throws SQLException {
            try (PreparedStatement insert = tx.prepareStatement("insert into audit_log"
                    + " (entity, entity_id, action, from_status, to_status, at) values ('order', ?, ?, ?, ?, ?)")) {
                insert.setLong(1, entry.entityId());
                insert.setString(2, entry.action());
                insert.setString(3, entry.fromStatus());
                insert.setString(4, entry.toStatus());
                insert.setObject(5, ShopTables.timestamp(entry.at()));
                insert.executeUpdate();
            }
        }

        /** The legacy journal's {@code {entity, entityId, action, toStatus[, fromStatus]}}: no fromStatus when null. */
        @Override
        public JsonNode describe(AuditEntryWritten entry) {
            ObjectNode d = JsonNodeFactory.instance.objectNode();
            d.put("entity", "order");
            d.put("entityId", entry.entityId());
            d.put("action", entry.action());
            d.put("toStatus", entry.toStatus());
            if (entry.fromStatus() != null) {
                d.put("fromStatus", entry.fromStatus());
            }
            return d;
        }
    };
}
