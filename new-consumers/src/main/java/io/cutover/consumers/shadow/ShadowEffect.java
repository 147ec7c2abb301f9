package io.cutover.consumers.shadow;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The effect descriptor a new consumer produced in a dry run for one firing of a flow: what it would have sent,
 * written or called. Compared later with the legacy path's journal entry of the same (flow, occurrence key).
 */
public record ShadowEffect(String flow, String occurrenceKey, String consumer, UUID eventId, JsonNode effect,
                           Instant recordedAt) {

    public ShadowEffect {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(occurrenceKey, "occurrenceKey");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
