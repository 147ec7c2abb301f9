package io.cutover.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cutover.bridge.internal.Json;

class EventEnvelopeTest {

    private static final EventSource SOURCE = new EventSource("legacy", "shop", "orders", 23_456_789L, 771L);

    private static EventEnvelope envelope(ObjectNode data) {
        return new EventEnvelope(UUID.fromString("0b3f0c9e-8a61-5d7e-9c1f-4e2a7b6d5c31"), "OrderConfirmed", 1,
                Instant.parse("2026-11-24T10:15:30.123456Z"), SOURCE, "42", "ref-7", "pg-tx:legacy:771", data);
    }

    @Test
    void writesSnakeCaseFieldsAsInTheDesign() throws Exception {
        ObjectNode data = Json.MAPPER.createObjectNode().put("order_id", 42).put("total", "12.30");

        JsonNode json = Json.MAPPER.readTree(envelope(data).toJson());

        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("event_id", "type", "version", "occurred_at",
                "source", "partition_key", "correlation_id", "causation_id", "data");
        assertThat(json.get("event_id").asText()).isEqualTo("0b3f0c9e-8a61-5d7e-9c1f-4e2a7b6d5c31");
        assertThat(json.get("occurred_at").asText()).isEqualTo("2026-11-24T10:15:30.123456Z");
        assertThat(json.get("source").fieldNames()).toIterable().containsExactlyInAnyOrder("db", "schema", "table", "lsn", "tx_id");
        assertThat(json.get("source").get("tx_id").asLong()).isEqualTo(771L);
        assertThat(json.get("data").get("total").asText()).isEqualTo("12.30");
    }

    @Test
    void readsBackWhatItWrote() {
        EventEnvelope original = envelope(Json.MAPPER.createObjectNode().put("order_id", 42));

        assertThat(EventEnvelope.fromJson(original.toJson())).isEqualTo(original);
    }

    @Test
    void numbersInDataCompareByValueSoALongReadsBackEqual() {
        EventEnvelope withLong = envelope(Json.MAPPER.createObjectNode().put("order_id", 42L));

        assertThat(EventEnvelope.fromJson(withLong.toJson())).isEqualTo(withLong).hasSameHashCodeAs(withLong);
        assertThat(envelope(Json.MAPPER.createObjectNode().put("order_id", 43L))).isNotEqualTo(withLong);
    }

    @Test
    void toleratesFieldsAddedByALaterVersion() {
        String json = envelope(null).toJson().replace("\"type\"", "\"added_later\":true,\"type\"");

        assertThat(EventEnvelope.fromJson(json).type()).isEqualTo("OrderConfirmed");
    }

    @Test
    void cannotBeChangedThroughItsData() {
        ObjectNode data = Json.MAPPER.createObjectNode().put("order_id", 42);
        EventEnvelope e = envelope(data);

        data.put("order_id", 99);
        e.data().put("order_id", 100);

        assertThat(e.data().get("order_id").asInt()).isEqualTo(42);
    }

    @Test
    void refusesMissingEssentials() {
        assertThatThrownBy(() -> new EventEnvelope(null, "OrderConfirmed", 1, Instant.EPOCH, SOURCE, "1", null, null, null))
                .hasMessageContaining("event_id");
        assertThatThrownBy(() -> new EventEnvelope(UUID.randomUUID(), " ", 1, Instant.EPOCH, SOURCE, "1", null, null, null))
                .hasMessageContaining("type");
        assertThatThrownBy(() -> new EventEnvelope(UUID.randomUUID(), "OrderConfirmed", 0, Instant.EPOCH, SOURCE, "1", null,
                null, null)).hasMessageContaining("version must be >= 1");
    }

    @Test
    void notAnEnvelopeIsABridgeException() {
        assertThatThrownBy(() -> EventEnvelope.fromJson("{\"type\": [1]}")).isInstanceOf(BridgeException.class)
                .hasMessageStartingWith("not an event envelope");
    }
}
