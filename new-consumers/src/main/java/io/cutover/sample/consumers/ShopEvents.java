package io.cutover.sample.consumers;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

import io.cutover.bridge.EventEnvelope;

/**
 * The shop's order events as the sample's catalog ({@code legacy-app/src/main/cutover/catalog.yaml}) emits them:
 * {@code order_id} and {@code customer_id} as numbers, {@code total} as decimal text, timestamps as ISO-8601 text.
 */
final class ShopEvents {
    static final String ORDER_PLACED = "OrderPlaced";
    static final String ORDER_CONFIRMED = "OrderConfirmed";
    static final String ORDER_CANCELLED = "OrderCancelled";
    static final String ORDER_SHIPPED = "OrderShipped";
    /** The catalog's version of every order event the consumers know. */
    static final int VERSION = 1;

    private ShopEvents() {
    }

    static long orderId(EventEnvelope event) {
        return requiredNumber(event, "order_id").asLong();
    }

    static long customerId(EventEnvelope event) {
        return requiredNumber(event, "customer_id").asLong();
    }

    static BigDecimal total(EventEnvelope event) {
        JsonNode total = event.data().get("total");
        if (total == null || total.isNull()) {
            throw malformed(event, "total");
        }
        try {
            return new BigDecimal(total.asText());
        } catch (NumberFormatException e) {
            throw malformed(event, "total");
        }
    }

    /** True when {@code field} is in the payload and not null (a cancelled order's {@code confirmed_at}). */
    static boolean has(EventEnvelope event, String field) {
        JsonNode v = event.data().get(field);
        return v != null && !v.isNull();
    }

    /**
     * When the business fact happened: the payload's timestamp ({@code confirmed_at}, ...), else the commit time. The
     * consumers stamp their rows with it, not with the time they run, so a lagging or replayed consumer writes the
     * row the legacy path would have written in its transaction.
     */
    static Instant at(EventEnvelope event, String field) {
        JsonNode v = event.data().get(field);
        if (v == null || v.isNull()) {
            return event.occurredAt();
        }
        String text = v.asText();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw malformed(event, field);
            }
        }
    }

    private static JsonNode requiredNumber(EventEnvelope event, String field) {
        JsonNode v = event.data().get(field);
        if (v == null || !(v.isIntegralNumber() || v.isTextual() && v.asText().matches("\\d+"))) {
            throw malformed(event, field);
        }
        return v;
    }

    private static SampleConsumerException malformed(EventEnvelope event, String field) {
        return new SampleConsumerException(event.type() + " v" + event.version() + " " + event.eventId()
                + ": payload field " + field + " missing or malformed: " + event.data());
    }
}
