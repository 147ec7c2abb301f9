package io.cutover.consumers;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of one consumer's counters since the runtime started, and its lag now.
 *
 * @param lagEvents        events in the log at or after the consumer's checkpoint (head - checkpoint + 1, at least 0)
 * @param lag              age of the oldest event not yet done by the consumer; zero when caught up
 * @param processed        events done (any {@link Outcome}), duplicates and parked events not included
 * @param performed        effects performed for real (stamp NEW)
 * @param shadowRecorded   shadow runs recorded (stamp SHADOW)
 * @param duplicates       events found already marked done (redelivery, replay, restart)
 * @param retries          attempts that failed and were retried
 * @param deadLetters      events given up on
 * @param parked           events parked behind a dead letter of their key
 * @param uncertainResends outside calls repeated because an earlier attempt's outcome was unknown
 * @param perSecond        events done per second over the last ten seconds
 * @param latencyP50       append to the log → done, median of the recent events
 * @param latencyP99       the same, 99th percentile
 */
public record ConsumerMetrics(String consumer, Instant at, long lagEvents, Duration lag, long processed,
                              long performed, long shadowRecorded, long duplicates, long retries, long deadLetters,
                              long parked, long uncertainResends, double perSecond, Duration latencyP50,
                              Duration latencyP99) {
}
