package io.cutover.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * A flow's readiness gate: what must hold before it moves to CANARY or CUTOVER. Counts and rates are over the
 * comparisons (mode SHADOW) of firings recorded since the flow last entered SHADOW.
 *
 * @param minCompared          firings compared at least ({@code min-compared})
 * @param minMatchRate         percent of them that matched, 0..100 ({@code min-match-rate}); missing and late count
 *                             against it
 * @param maxOpenDeadLetters   PARKED dead letters of the flow's consumer at most ({@code max-open-dead-letters})
 * @param maxLagP99            99th percentile of shadow lag behind the legacy effect at most ({@code max-lag-p99})
 * @param minObserved          time since the flow last entered SHADOW at least ({@code min-observed})
 */
public record GateSpec(long minCompared, double minMatchRate, long maxOpenDeadLetters, Duration maxLagP99,
                       Duration minObserved) {

    public static final long DEFAULT_MIN_COMPARED = 100;
    public static final double DEFAULT_MIN_MATCH_RATE = 99.9;
    public static final long DEFAULT_MAX_OPEN_DEAD_LETTERS = 0;
    public static final Duration DEFAULT_MAX_LAG_P99 = Duration.ofMinutes(1);
    public static final Duration DEFAULT_MIN_OBSERVED = Duration.ofHours(24);

    public static final GateSpec DEFAULTS = new GateSpec(DEFAULT_MIN_COMPARED, DEFAULT_MIN_MATCH_RATE,
            DEFAULT_MAX_OPEN_DEAD_LETTERS, DEFAULT_MAX_LAG_P99, DEFAULT_MIN_OBSERVED);

    public GateSpec {
        Objects.requireNonNull(maxLagP99, "maxLagP99");
        Objects.requireNonNull(minObserved, "minObserved");
        if (minCompared < 0 || maxOpenDeadLetters < 0) {
            throw new PlanException("gate counts must not be negative");
        }
        if (!(minMatchRate >= 0 && minMatchRate <= 100)) {
            throw new PlanException("min-match-rate must be a percentage between 0 and 100, was " + minMatchRate);
        }
        if (maxLagP99.isNegative() || minObserved.isNegative()) {
            throw new PlanException("gate durations must not be negative");
        }
    }
}
