package io.cutover.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class StageTest {

    @Test
    void parsesEveryStageSpelling() {
        assertThat(Stage.parse("legacy")).isEqualTo(Stage.LEGACY);
        assertThat(Stage.parse(" SHADOW ")).isEqualTo(Stage.SHADOW);
        assertThat(Stage.parse("Cutover")).isEqualTo(Stage.CUTOVER);
        assertThat(Stage.parse("CANARY 25%")).isEqualTo(Stage.canary(25));
        assertThat(Stage.parse("canary:5")).isEqualTo(Stage.canary(5));
        assertThat(Stage.parse("CANARY100")).isEqualTo(Stage.canary(100));
        assertThat(Stage.canary(25)).hasToString("CANARY 25%");
    }

    @Test
    void refusesUnknownStagesAndPercentagesNamingTheRule() {
        assertThatThrownBy(() -> Stage.parse("ROLLOUT")).isInstanceOf(IllegalStageException.class)
                .hasMessageContaining("unknown stage 'ROLLOUT'").hasMessageContaining("CANARY n%");
        assertThatThrownBy(() -> Stage.canary(101)).isInstanceOf(IllegalStageException.class)
                .hasMessageContaining("between 0 and 100");
        assertThatThrownBy(() -> new Stage(Stage.Kind.SHADOW, 10)).isInstanceOf(IllegalStageException.class)
                .hasMessageContaining("SHADOW takes no percentage");
    }

    @Test
    void fixedStagesDecideTheSameForEveryKey() {
        assertThat(Stage.LEGACY.decide("mail", "1")).isEqualTo(Decision.LEGACY);
        assertThat(Stage.SHADOW.decide("mail", "1")).isEqualTo(Decision.SHADOW);
        assertThat(Stage.CUTOVER.decide("mail", "1")).isEqualTo(Decision.NEW);
        assertThat(Decision.SHADOW.legacyActs()).isTrue();
        assertThat(Decision.NEW.legacyActs()).isFalse();
    }

    @Test
    void canarySendsAboutItsShareOfKeysToTheNewPathAndTheRestToShadow() {
        long toNew = keys().filter(key -> Stage.canary(30).decide("mail", key) == Decision.NEW).count();
        long toShadow = keys().filter(key -> Stage.canary(30).decide("mail", key) == Decision.SHADOW).count();

        assertThat(toNew).isBetween(2_700L, 3_300L);
        assertThat(toNew + toShadow).isEqualTo(10_000);
        assertThat(keys().filter(key -> Stage.canary(0).decide("mail", key) == Decision.NEW)).isEmpty();
        assertThat(keys().filter(key -> Stage.canary(100).decide("mail", key) != Decision.NEW)).isEmpty();
    }

    @Test
    void aKeyKeepsItsPathAtAFixedPercentageAndRaisingItOnlyAddsKeys() {
        keys().forEach(key -> {
            Decision at20 = Stage.canary(20).decide("mail", key);
            assertThat(Stage.canary(20).decide("mail", key)).isEqualTo(at20);
            if (at20 == Decision.NEW) {
                assertThat(Stage.canary(50).decide("mail", key)).isEqualTo(Decision.NEW);
            }
        });
    }

    private static java.util.stream.Stream<String> keys() {
        return IntStream.range(0, 10_000).mapToObj(i -> "order-" + i);
    }
}
