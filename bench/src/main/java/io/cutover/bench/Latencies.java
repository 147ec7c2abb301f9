package io.cutover.bench;

import java.util.Arrays;

/** Request latencies of one variant, in nanoseconds. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    void add(long value) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = value;
    }

    int count() {
        return count;
    }

    /** Nearest-rank percentile in milliseconds. */
    double percentileMillis(double percentile) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
