package io.cutover.bridge;

/**
 * Counters since this bridge instance started.
 *
 * @param rowChanges    row changes received (heartbeats excluded)
 * @param eventsAppended events newly appended to the log (re-reads absorbed by the log are not counted)
 * @param deadLettered  row changes parked in {@code cutover.bridge_dead_letter}
 * @param batches       batches handled (each appended, then its offsets committed)
 */
public record BridgeStats(long rowChanges, long eventsAppended, long deadLettered, long batches) {
}
