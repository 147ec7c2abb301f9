package io.cutover.plan.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BucketsTest {

    private static final Instant START = Instant.parse("2026-11-24T08:00:00Z");

    @ParameterizedTest(name = "{0} of results in buckets of {1}")
    @CsvSource({
            "PT0S, PT1S", "PT30S, PT1S", "PT1M, PT2S", "PT1H57M, PT2M", "PT2H, PT5M", "PT24H, PT30M",
            "P7D, PT3H", "P59D, P1D", "P60D, P2D", "P3650D, P62D"})
    void choosesTheFinestRoundSizeThatKeepsTheChartAtSixtyPointsOrFewer(Duration span, Duration size) {
        assertThat(Buckets.sizeFor(START, START.plus(span))).isEqualTo(size);
        assertThat(Buckets.count(START, START.plus(span), size)).isLessThanOrEqualTo(Buckets.MAX_POINTS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PT5M", "PT1H", "PT3H", "P1D", "P5D", "P20D"})
    void aSpanOfMoreThanAFewMinutesGetsAtLeastTwentyPoints(Duration span) {
        Duration size = Buckets.sizeFor(START, START.plus(span));
        assertThat(Buckets.count(START, START.plus(span), size)).isBetween(20L, (long) Buckets.MAX_POINTS);
    }
}
