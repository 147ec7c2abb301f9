package io.cutover.consumers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.cutover.consumers.spi.DatabasePort;
import io.cutover.consumers.spi.OutsidePort;

class RecordingEffectsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    record PointsAwarded(String orderId, int points, Instant at) {
    }

    @Test
    void aShadowRunDescribesItsEffectsAndPerformsNone() throws Exception {
        List<Object> performed = new ArrayList<>();
        DatabasePort<PointsAwarded> ledger = (tx, award) -> performed.add(award);
        OutsidePort<PointsAwarded> warehouse = OutsidePort.named("warehouse", (award, key) -> performed.add(award));
        RecordingEffects effects = new RecordingEffects(CLOCK);

        assertThat(effects.descriptor()).isEmpty();
        effects.write(ledger, new PointsAwarded("42", 49, effects.now()));
        assertThat(effects.descriptor()).hasValueSatisfying(json ->
                assertThat(json.toString()).isEqualTo("{\"orderId\":\"42\",\"points\":49,\"at\":\"2026-11-24T10:00:00Z\"}"));
        effects.call(warehouse, new PointsAwarded("42", 1, effects.now()));

        assertThat(performed).isEmpty();
        assertThat(effects.descriptor()).hasValueSatisfying(json -> assertThat(json.isArray()).isTrue());
    }

    @Test
    void theIdempotencyKeyOfACallIsStablePerConsumerEventAndPosition() {
        java.util.UUID event = java.util.UUID.fromString("6d1f3c1e-0000-5000-8000-000000000001");
        assertThat(RealEffects.idempotencyKey("mailer", event, 0))
                .isEqualTo("mailer:6d1f3c1e-0000-5000-8000-000000000001:0");
    }
}
