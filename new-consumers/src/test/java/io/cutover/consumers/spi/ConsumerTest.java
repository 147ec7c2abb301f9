package io.cutover.consumers.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.EventSource;

class ConsumerTest {

    private static EventEnvelope confirmed(int version) {
        ObjectNode data = new ObjectMapper().createObjectNode().put("order_id", "42");
        return new EventEnvelope(UUID.randomUUID(), "OrderConfirmed", version, Instant.parse("2026-11-24T10:00:00Z"),
                new EventSource("shop", "shop", "orders", 1, 1), "42", null, null, data);
    }

    @Test
    void aBuiltConsumerNamesItsFiringFromTheEvent() {
        Consumer consumer = Consumer.named("loyalty")
                .accepts(Accepts.of("OrderConfirmed", 1, 2))
                .fires("loyalty-points", event -> event.data().get("order_id").asText())
                .handles((event, effects) -> { });

        assertThat(consumer.name()).isEqualTo("loyalty");
        assertThat(consumer.firing(confirmed(1))).contains(new Firing("loyalty-points", "42"));
    }

    @Test
    void acceptsNamesTypesAndVersions() {
        Accepts accepts = Accepts.of("OrderConfirmed", 1).and("OrderCancelled", 1, 2).and("OrderConfirmed", 3);

        assertThat(accepts.type("OrderConfirmed")).isTrue();
        assertThat(accepts.type("OrderShipped")).isFalse();
        assertThat(accepts.version("OrderConfirmed", 2)).isFalse();
        assertThat(accepts.versionsOf("OrderConfirmed")).containsExactly(1, 3);
        assertThat(accepts).hasToString("OrderConfirmed v1,v3, OrderCancelled v1,v2");
    }

    @Test
    void anIncompleteConsumerIsRefusedWithWhatIsMissing() {
        assertThatThrownBy(() -> Consumer.named("Loyalty Points"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must match");
        assertThatThrownBy(() -> Consumer.named("loyalty").fires("f", e -> "k").handles((e, x) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accepts(...) is required");
        assertThatThrownBy(() -> Accepts.of("OrderConfirmed"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs at least one version");
    }
}
