package io.cutover.consumers.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.failsafe.spi.Scheduler;

import io.cutover.consumers.spi.RetryDelays;

/** Failsafe's scheduler on the runtime's worker threads, with backoff delays passed through {@link RetryDelays}. */
final class DelayingScheduler implements Scheduler {
    private final ScheduledExecutorService workers;
    private final RetryDelays delays;

    DelayingScheduler(ScheduledExecutorService workers, RetryDelays delays) {
        this.workers = workers;
        this.delays = delays;
    }

    @Override
    public ScheduledFuture<?> schedule(Callable<?> callable, long delay, TimeUnit unit) {
        long nanos = delay <= 0 ? 0 : Math.max(0, delays.actual(Duration.ofNanos(unit.toNanos(delay))).toNanos());
        return workers.schedule(callable, nanos, TimeUnit.NANOSECONDS);
    }
}
