package io.cutover.plan.report.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Picks the bucket size of the match-rate charts: the finest round size that keeps a chart at 60 points or fewer. */
public final class Buckets {

    static final int MAX_POINTS = 60;

    /** Round sizes, each at most 2.5 times the previous one, so that a chart rarely gets fewer than 24 points. */
    private static final List<Duration> SIZES = List.of(
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12),
            Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(5), Duration.ofDays(10), Duration.ofDays(30));

    private Buckets() {
    }

    /** The bucket size for results between {@code from} and {@code to}; buckets are aligned to the epoch. */
    public static Duration sizeFor(Instant from, Instant to) {
        for (Duration size : SIZES) {
            if (count(from, to, size) <= MAX_POINTS) {
                return size;
            }
        }
        // a span of years: whatever keeps it to 60 buckets
        long days = Duration.between(from, to).toDays() / (MAX_POINTS - 1) + 1;
        return Duration.ofDays(days);
    }

    /** How many aligned buckets of {@code size} the span touches. */
    static long count(Instant from, Instant to, Duration size) {
        long millis = size.toMillis();
        return Math.floorDiv(to.toEpochMilli(), millis) - Math.floorDiv(from.toEpochMilli(), millis) + 1;
    }
}
