package io.cutover.consumers.compare.internal;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** A row of {@code cutover.comparison_pending}; {@code resultId} is null until it was reported missing. */
public record PendingEffect(String side, long sourceId, String flow, String occurrenceKey, JsonNode effect,
                            Instant recordedAt, Long resultId) {

    public static final String LEGACY = "LEGACY";
    public static final String SHADOW = "SHADOW";

    public boolean isLegacy() {
        return LEGACY.equals(side);
    }
}
