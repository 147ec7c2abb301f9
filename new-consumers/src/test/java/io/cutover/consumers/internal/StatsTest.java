package io.cutover.consumers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.cutover.consumers.Outcome;

class StatsTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void countsOutcomesAndMeasuresLatencyFromAppendToDone() {
        Stats stats = new Stats();
        for (int ms = 1; ms <= 100; ms++) {
            stats.done(ms % 2 == 0 ? Outcome.NEW : Outcome.SHADOW, T0, T0.plusMillis(ms));
        }
        assertThat(stats.processed.sum()).isEqualTo(100);
        assertThat(stats.performed.sum()).isEqualTo(50);
        assertThat(stats.shadowRecorded.sum()).isEqualTo(50);
        assertThat(stats.latencyPercentile(0.5)).isEqualTo(Duration.ofMillis(50));
        assertThat(stats.latencyPercentile(0.99)).isEqualTo(Duration.ofMillis(99));
    }

    @Test
    void throughputIsTheMeanOfTheLastFullSecondsAndForgetsOlderOnes() {
        Stats stats = new Stats();
        for (int second = 0; second < 9; second++) {
            for (int i = 0; i < 90; i++) {
                stats.done(Outcome.LEGACY, T0, T0.plusSeconds(second));
            }
        }
        assertThat(stats.perSecond(T0.plusSeconds(9))).isEqualTo(90.0);
        assertThat(stats.perSecond(T0.plusSeconds(30))).isZero();
        assertThat(new Stats().latencyPercentile(0.99)).isZero();
    }
}
