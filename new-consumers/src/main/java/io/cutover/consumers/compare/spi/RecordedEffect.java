package io.cutover.consumers.compare.spi;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One effect as a source hands it to the comparator.
 *
 * @param position   where the source stands after this effect (strictly increasing within one source)
 * @param id         the effect's row id in its own table ({@code effect_journal.id}, {@code shadow_effect.id}), kept
 *                   in the results so a report can point at the row; unique within one source
 * @param recordedAt when the path recorded the effect; the lag between the two sides is measured with it
 */
public record RecordedEffect(long position, long id, String flow, String occurrenceKey, JsonNode effect,
                             Instant recordedAt) {

    public RecordedEffect {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(occurrenceKey, "occurrenceKey");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
