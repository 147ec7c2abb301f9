package io.cutover.bridge;

/**
 * Counters since this bridge instance started, summed over the engine runs of its restarts.
 *
 * @param rowChanges    row changes received (heartbeats excluded)
 * @param eventsAppended events newly appended to the log (re-reads absorbed by the log are not counted)
 * @param deadLettered  row changes parked in {@code cutover.bridge_dead_letter}
 * @param batches       batches handled (each appended, then its offsets committed)
 * @param reReadsAbsorbed events mapped again that the log already held (a re-read after a crash, a restart or a lost
 *                      offset commit): skipped by event id, never appended twice
 * @param restarts      restarts of capture after a failure (each attempt counts, whether it recovered or not)
 */
public record BridgeStats(long rowChanges, long eventsAppended, long deadLettered, long batches, long reReadsAbsorbed,
        long restarts) {
}
