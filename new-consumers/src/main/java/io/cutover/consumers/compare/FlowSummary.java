package io.cutover.consumers.compare;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The comparison of one flow so far, for the reports.
 *
 * @param compared  results of every outcome: each a firing accounted for
 * @param matchRate {@code MATCH / compared}, so missing and late effects count against it; 0 when nothing compared
 * @param counts    results per outcome, every outcome present
 * @param lagP50    percentiles of {@code shadow.recorded_at - legacy.recorded_at} over the pairs (not the missing
 *                  ones); null when the flow has no pair yet
 * @param samples   the most recent results that carry a diff (mismatches, and late pairs that also differ)
 */
public record FlowSummary(ComparisonMode mode, String flow, long compared, double matchRate,
                          Map<Outcome, Long> counts, Duration lagP50, Duration lagP95, Duration lagP99,
                          List<MismatchSample> samples) {

    public FlowSummary {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(flow, "flow");
        counts = Map.copyOf(counts);
        samples = List.copyOf(samples);
    }

    public long count(Outcome outcome) {
        return counts.getOrDefault(outcome, 0L);
    }
}
