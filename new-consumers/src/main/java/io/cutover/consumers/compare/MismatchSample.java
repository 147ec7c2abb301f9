package io.cutover.consumers.compare;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One compared pair that differs, with its RFC 6902 diff (legacy to shadow, after normalisation).
 *
 * @param legacyId the {@code effect_journal} row
 * @param shadowId the {@code shadow_effect} row (in calibration: the repeated journal row)
 */
public record MismatchSample(String occurrenceKey, Outcome outcome, long legacyId, long shadowId, JsonNode diff,
                             long lagMillis, Instant comparedAt) {

    public MismatchSample {
        Objects.requireNonNull(occurrenceKey, "occurrenceKey");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(diff, "diff");
        Objects.requireNonNull(comparedAt, "comparedAt");
    }
}
