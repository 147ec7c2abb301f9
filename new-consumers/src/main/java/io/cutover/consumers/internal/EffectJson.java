package io.cutover.consumers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.cutover.consumers.ConsumerException;

/**
 * Effect records as JSON descriptors: component names as written (the legacy journal's style is the sample's
 * choice, the comparator normalises), ISO-8601 instants.
 */
public final class EffectJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private EffectJson() {
    }

    public static JsonNode describe(Object effect) {
        try {
            return MAPPER.valueToTree(effect);
        } catch (IllegalArgumentException e) {
            throw new ConsumerException("cannot describe effect " + effect.getClass().getName() + " as JSON: "
                    + e.getMessage(), e);
        }
    }
}
