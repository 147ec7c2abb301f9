package io.cutover.sample.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.EventSource;
import io.cutover.consumers.spi.Firing;

/** Payloads shaped as the sample catalog emits them, and the firings the consumers derive from them. */
class ShopEventsTest {
    private static final Instant COMMITTED = Instant.parse("2026-11-24T08:00:00Z");

    static EventEnvelope event(String type, String data) {
        return new EventEnvelope(UUID.randomUUID(), type, 1, COMMITTED, new EventSource("legacy", "public", "orders", 1, 1),
                "42", "42", null, (ObjectNode) ShopFixture.json(data));
    }

    @Test
    void readsIdsTotalAndTimestampsAsTheCatalogWritesThem() {
        EventEnvelope confirmed = event("OrderConfirmed",
                "{\"order_id\":42,\"customer_id\":7,\"total\":\"54.98\",\"confirmed_at\":\"2026-11-24T07:59:01.123456Z\"}");
        assertThat(ShopEvents.orderId(confirmed)).isEqualTo(42);
        assertThat(ShopEvents.customerId(confirmed)).isEqualTo(7);
        assertThat(ShopEvents.total(confirmed)).isEqualTo(new BigDecimal("54.98"));
        assertThat(ShopEvents.at(confirmed, "confirmed_at")).isEqualTo(Instant.parse("2026-11-24T07:59:01.123456Z"));
        assertThat(ShopEvents.at(event("OrderShipped", "{\"order_id\":42,\"shipped_at\":\"2026-11-24T09:00:00+01:00\"}"),
                "shipped_at")).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
    }

    @Test
    void aMissingTimestampFallsBackToTheCommitTimeAndAMissingIdIsAClearError() {
        assertThat(ShopEvents.at(event("OrderConfirmed", "{\"order_id\":42,\"confirmed_at\":null}"), "confirmed_at"))
                .isEqualTo(COMMITTED);
        assertThatThrownBy(() -> ShopEvents.orderId(event("OrderConfirmed", "{\"id\":42}")))
                .isInstanceOf(SampleConsumerException.class).hasMessageContaining("order_id");
    }

    @Test
    void stockFiresOnlyForTheCancelOfAConfirmedOrder() {
        assertThat(StockReservation.kind(event("OrderConfirmed", "{\"order_id\":42}")))
                .contains(StockReservation.Kind.RESERVED);
        assertThat(StockReservation.kind(event("OrderCancelled",
                "{\"order_id\":42,\"confirmed_at\":\"2026-11-24T07:00:00Z\",\"cancelled_at\":\"2026-11-24T08:00:00Z\"}")))
                .contains(StockReservation.Kind.RELEASED);
        assertThat(StockReservation.kind(event("OrderCancelled", "{\"order_id\":42,\"confirmed_at\":null}"))).isEmpty();
        assertThat(StockReservation.kind(event("OrderShipped", "{\"order_id\":42}"))).contains(StockReservation.Kind.SHIPPED);
    }

    @Test
    void auditKeysAndStatusesAreTheLegacyShims() {
        assertThat(OrderAudit.consumer().firing(event("OrderPlaced", "{\"order_id\":42,\"status\":\"PENDING\"}")))
                .isEqualTo(Optional.of(new Firing("order-audit", "42:PLACED")));
        OrderAudit.AuditEntryWritten cancelled = OrderAudit.entry(event("OrderCancelled",
                "{\"order_id\":42,\"confirmed_at\":null,\"cancelled_at\":\"2026-11-24T08:00:00Z\"}"));
        assertThat(cancelled.action() + " " + cancelled.fromStatus() + " " + cancelled.toStatus())
                .isEqualTo("CANCELLED PENDING CANCELLED");
        // compared as text: the descriptor holds a long where parsed JSON holds an int (equal once stored as jsonb)
        assertThat(ShopFixture.json(OrderAudit.AUDIT_LOG.describe(OrderAudit.entry(event("OrderPlaced",
                "{\"order_id\":42}"))).toString())).isEqualTo(ShopFixture.json(
                        "{\"entity\":\"order\",\"entityId\":42,\"action\":\"PLACED\",\"toStatus\":\"PENDING\"}"));
    }
}
