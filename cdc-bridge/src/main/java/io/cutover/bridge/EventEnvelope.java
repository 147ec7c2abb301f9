package io.cutover.bridge;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cutover.bridge.internal.Json;

/**
 * One past-tense domain event as it travels through the event log (JSON with snake_case names, see DESIGN.md).
 * Immutable: {@link #data()} hands out a copy.
 *
 * @param eventId       deterministic from source position, table, row key and type: a re-read yields the same id
 * @param type          past tense, e.g. {@code OrderConfirmed}
 * @param version       the type's schema version, starting at 1; additive changes keep it
 * @param occurredAt    commit time of the legacy transaction
 * @param source        where in the legacy database it happened
 * @param partitionKey  the aggregate id; consumers keep order per key
 * @param correlationId optional business correlation (e.g. an order reference), null when the catalog names none
 * @param causationId   optional; for events read from the WAL the legacy transaction ({@code pg-tx:<db>:<txId>})
 * @param data          a JSON object with ids and the changed facts, never the whole row
 */
public record EventEnvelope(UUID eventId, String type, int version, Instant occurredAt, EventSource source,
        String partitionKey, String correlationId, String causationId, ObjectNode data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(partitionKey, "partition_key");
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
        data = data == null ? Json.MAPPER.createObjectNode() : data.deepCopy();
    }

    /** A copy: the envelope stays immutable. */
    @Override
    public ObjectNode data() {
        return data.deepCopy();
    }

    /** Value equality; numbers in {@code data} compare by value, so an envelope equals itself read back from JSON. */
    @Override
    public boolean equals(Object o) {
        return o instanceof EventEnvelope e && version == e.version && eventId.equals(e.eventId) && type.equals(e.type)
                && occurredAt.equals(e.occurredAt) && source.equals(e.source) && partitionKey.equals(e.partitionKey)
                && Objects.equals(correlationId, e.correlationId) && Objects.equals(causationId, e.causationId)
                && data.equals(NUMERIC_VALUE, e.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, type, version, occurredAt, source, partitionKey, correlationId, causationId,
                data.toString());
    }

    private static final Comparator<JsonNode> NUMERIC_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new BridgeException("cannot write event " + eventId + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads an envelope written by {@link #toJson()}; unknown fields are ignored (additive evolution). */
    public static EventEnvelope fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, EventEnvelope.class);
        } catch (JsonProcessingException e) {
            throw new BridgeException("not an event envelope: " + e.getOriginalMessage(), e);
        }
    }
}
