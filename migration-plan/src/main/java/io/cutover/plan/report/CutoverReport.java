package io.cutover.plan.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.cutover.plan.GateCheck;

/**
 * Where the reported flows stand in their shadow comparison, at one instant: the input of {@code report.json} and
 * {@code report.html}. Rates are fractions in [0, 1], null when nothing was compared; times are instants (UTC).
 *
 * @param timeline the shared time axis of the match-rate charts; null when nothing was compared yet
 */
public record CutoverReport(Instant generatedAt, Totals totals, Timeline timeline, List<Flow> flows) {

    public CutoverReport {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(totals, "totals");
        flows = List.copyOf(flows);
    }

    public boolean hasComparisons() {
        return totals.compared() > 0;
    }

    /** Sums over every reported flow; {@code gates*} count flows by verdict (a flow without one has "no gate"). */
    public record Totals(int flows, long compared, Double matchRate, Outcomes outcomes, long openDeadLetters,
                         int gatesPassed, int gatesFailed, int withoutGate) { }

    /**
     * The firing times of the compared results (the legacy effect's, else the shadow effect's), cut into buckets of
     * {@code bucketSeconds}: a size chosen from the span so that a chart gets at most 60 points.
     */
    public record Timeline(Instant from, Instant to, long bucketSeconds) { }

    /**
     * One flow.
     *
     * @param stage            the flag store's stage now, e.g. {@code CANARY 10%}; null when the flow is not registered
     * @param stageHistory     oldest first
     * @param matchRateOverTime one point per bucket of the {@link Timeline} that holds results, oldest first
     * @param lag              null when no pair was found yet
     * @param calibration      the A/A comparison of the legacy path with itself: how noisy the flow's effects are
     *                         under its rules; null when none was run
     * @param mismatchSamples  the most recent results that carry a diff, newest first
     * @param gate             null when no gate verdict was given for the flow
     */
    public record Flow(String flow, String consumer, String stage, List<StageStep> stageHistory, long compared,
                       Double matchRate, Outcomes outcomes, List<RatePoint> matchRateOverTime, Lag lag,
                       List<Mismatch> mismatchSamples, DeadLetters deadLetters, Gate gate, Calibration calibration) {

        public Flow {
            Objects.requireNonNull(flow, "flow");
            stageHistory = List.copyOf(stageHistory);
            matchRateOverTime = List.copyOf(matchRateOverTime);
            mismatchSamples = List.copyOf(mismatchSamples);
        }
    }

    /** Results per outcome of the comparator. */
    public record Outcomes(long match, long mismatch, long missingInNew, long missingInLegacy, long late) {

        public static final Outcomes NONE = new Outcomes(0, 0, 0, 0, 0);

        public long total() {
            return match + mismatch + missingInNew + missingInLegacy + late;
        }

        public Outcomes plus(Outcomes other) {
            return new Outcomes(match + other.match, mismatch + other.mismatch, missingInNew + other.missingInNew,
                    missingInLegacy + other.missingInLegacy, late + other.late);
        }
    }

    /** The results of firings in the bucket that starts at {@code start}; {@code matchRate = matched / compared}. */
    public record RatePoint(Instant start, long compared, long matched, double matchRate) { }

    /** Repeated legacy firings compared with each other: {@code matchRate} below 1 is noise the rules let through. */
    public record Calibration(long compared, double matchRate) { }

    /** Percentiles of the shadow effect's delay behind the legacy one, over the pairs. */
    public record Lag(long p50Ms, long p95Ms, long p99Ms) { }

    /** A result with a field diff: RFC 6902 operations from the legacy effect to the shadow effect. */
    public record Mismatch(String occurrenceKey, String outcome, long legacyId, long shadowId, long lagMs,
                           Instant comparedAt, JsonNode diff) { }

    /** The consumer's parked dead letters: how many, and the most recent few, newest first. */
    public record DeadLetters(long open, List<DeadLetter> recent) {

        public static final DeadLetters NONE = new DeadLetters(0, List.of());

        public DeadLetters {
            recent = List.copyOf(recent);
        }
    }

    public record DeadLetter(UUID eventId, String eventType, String partitionKey, int attempts, Instant deadAt,
                             String error) { }

    /** One audited stage change; {@code from} is null for the flow's registration. */
    public record StageStep(Instant at, String from, String to, String actor, String reason) { }

    /** The flow's readiness gate verdict, with its checks. */
    public record Gate(boolean passed, Instant evaluatedAt, List<GateCheck> checks) {

        public Gate {
            checks = List.copyOf(checks);
        }
    }
}
