package io.cutover.bridge.internal;

import java.util.concurrent.atomic.AtomicLong;

import io.cutover.bridge.BridgeStats;

/** The bridge's counters, shared by the {@link CaptureHandler} of every engine run so they add up across restarts. */
public final class CaptureCounters {
    final AtomicLong rowChanges = new AtomicLong();
    final AtomicLong appended = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong reReadsAbsorbed = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();

    /** Counts one restart of capture after a failure. */
    public void restarted() {
        restarts.incrementAndGet();
    }

    public BridgeStats stats() {
        return new BridgeStats(rowChanges.get(), appended.get(), deadLettered.get(), batches.get(), reReadsAbsorbed.get(),
                restarts.get());
    }
}
