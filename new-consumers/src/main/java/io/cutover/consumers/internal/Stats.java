package io.cutover.consumers.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

import io.cutover.consumers.Outcome;

/** One consumer's counters, a ten-second throughput window and a reservoir of recent latencies. */
final class Stats {
    private static final int WINDOW_SECONDS = 10;
    private static final int RESERVOIR = 2048;

    final LongAdder processed = new LongAdder();
    final LongAdder performed = new LongAdder();
    final LongAdder shadowRecorded = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder deadLetters = new LongAdder();
    final LongAdder parked = new LongAdder();
    final LongAdder uncertainResends = new LongAdder();

    private final long[] secondCounts = new long[WINDOW_SECONDS];
    private final long[] secondOf = new long[WINDOW_SECONDS];
    private final long[] latenciesMicros = new long[RESERVOIR];
    private long latencyCount;

    void done(Outcome outcome, Instant appendedAt, Instant now) {
        processed.increment();
        if (outcome == Outcome.NEW) {
            performed.increment();
        } else if (outcome == Outcome.SHADOW) {
            shadowRecorded.increment();
        }
        long second = now.getEpochSecond();
        long micros = Math.max(0, Duration.between(appendedAt, now).toNanos() / 1000);
        synchronized (this) {
            int slot = (int) Math.floorMod(second, (long) WINDOW_SECONDS);
            if (secondOf[slot] != second) {
                secondOf[slot] = second;
                secondCounts[slot] = 0;
            }
            secondCounts[slot]++;
            latenciesMicros[(int) (latencyCount++ % RESERVOIR)] = micros;
        }
    }

    void uncertainResend() {
        uncertainResends.increment();
    }

    /** Events per second over the last full {@value #WINDOW_SECONDS} seconds (the current one excluded). */
    synchronized double perSecond(Instant now) {
        long current = now.getEpochSecond();
        long sum = 0;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            long age = current - secondOf[i];
            if (age >= 1 && age <= WINDOW_SECONDS - 1) {
                sum += secondCounts[i];
            }
        }
        return sum / (double) (WINDOW_SECONDS - 1);
    }

    synchronized Duration latencyPercentile(double p) {
        int n = (int) Math.min(latencyCount, RESERVOIR);
        if (n == 0) {
            return Duration.ZERO;
        }
        long[] sorted = Arrays.copyOf(latenciesMicros, n);
        Arrays.sort(sorted);
        int index = (int) Math.min(n - 1, Math.ceil(p * n) - 1);
        return Duration.ofNanos(sorted[Math.max(0, index)] * 1000);
    }
}
