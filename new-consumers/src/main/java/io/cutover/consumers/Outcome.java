package io.cutover.consumers;

/** What a consumer did with one event, stored with its idempotency mark ({@code cutover.consumer_processed.outcome}). */
public enum Outcome {
    /** The stamp said the new path owns the firing: the effect was performed for real. */
    NEW,
    /** The stamp said shadow: the consumer ran with recorders and its would-be effect was recorded. */
    SHADOW,
    /** The stamp said the legacy path acts alone: nothing done. */
    LEGACY,
    /** No stamp for the firing, so the legacy path acted: nothing done. */
    NO_STAMP,
    /** The event fires no flow for this consumer. */
    NOT_FIRED,
    /** An operator skipped the event's dead letter. */
    SKIPPED
}
