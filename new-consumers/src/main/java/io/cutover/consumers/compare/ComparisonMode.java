package io.cutover.consumers.compare;

/** Which comparison a job runs; results, counters and checkpoints are kept apart per mode. */
public enum ComparisonMode {
    /** A/B: the legacy journal against the new consumers' shadow effects. */
    SHADOW,
    /**
     * A/A: the legacy path against itself. The n-th and (n+1)-th journal entry of the same (flow, occurrence key)
     * form a pair, so firing the legacy path twice for the same occurrences measures its own noise: whatever differs
     * between two legacy runs of one firing (timestamps, generated ids, ordering) under the same rules.
     */
    CALIBRATION
}
