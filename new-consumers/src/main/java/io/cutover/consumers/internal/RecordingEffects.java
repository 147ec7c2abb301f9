package io.cutover.consumers.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.cutover.consumers.spi.DatabasePort;
import io.cutover.consumers.spi.Effects;
import io.cutover.consumers.spi.OutsidePort;

/** A shadow run: every effect becomes a descriptor, nothing is written or called. */
final class RecordingEffects implements Effects {
    private final Clock clock;
    private final List<JsonNode> recorded = new ArrayList<>();

    RecordingEffects(Clock clock) {
        this.clock = clock;
    }

    @Override
    public <E> void write(DatabasePort<E> port, E effect) {
        recorded.add(port.describe(effect));
    }

    @Override
    public <E> void call(OutsidePort<E> port, E effect) {
        recorded.add(port.describe(effect));
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    /** One effect: its descriptor, as the legacy journal holds one per firing; several: an array; none: empty. */
    Optional<JsonNode> descriptor() {
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        if (recorded.size() == 1) {
            return Optional.of(recorded.get(0));
        }
        ArrayNode all = EffectJson.MAPPER.createArrayNode();
        recorded.forEach(all::add);
        return Optional.of(all);
    }
}
