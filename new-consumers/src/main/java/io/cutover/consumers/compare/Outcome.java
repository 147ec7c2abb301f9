package io.cutover.consumers.compare;

/** What the comparator concluded for one firing of a flow; stored by name in {@code cutover.comparison_result}. */
public enum Outcome {
    /** Both paths produced the same effect (after the flow's rules), within the lag window. */
    MATCH,
    /** Both paths produced an effect within the lag window, and they differ: the result carries the diff. */
    MISMATCH,
    /** The legacy path acted and no shadow effect arrived within the lag window (yet: it may still turn LATE). */
    MISSING_IN_NEW,
    /** A shadow effect has no legacy journal entry within the lag window (yet: it may still turn LATE). */
    MISSING_IN_LEGACY,
    /** Both effects exist but were recorded further apart than the lag window; the diff is kept if they differ. */
    LATE
}
