package io.cutover.plan.host;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a host in the background, and again after a pause while it cannot: the database may be down, or the legacy
 * application (on a server of its own) may not have created its tables yet. Until it runs, {@link #notStartedBecause()}
 * says why, for health checks and the API. Closing stops the retries and closes the host.
 */
public final class HostStarter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostStarter.class);

    private final Supplier<CutoverHost> start;
    private final ScheduledExecutorService scheduler;
    private final Duration retry;
    private final Consumer<CutoverHost> onStarted;
    private CutoverHost host;
    private String notStarted = "starting";
    private boolean closed;

    /**
     * @param retry     pause between attempts; zero: one attempt only
     * @param onStarted called once with the running host (e.g. to register its metrics)
     */
    public HostStarter(Supplier<CutoverHost> start, ScheduledExecutorService scheduler, Duration retry,
                       Consumer<CutoverHost> onStarted) {
        this.start = Objects.requireNonNull(start, "start");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.onStarted = Objects.requireNonNull(onStarted, "onStarted");
    }

    /** Makes the first attempt on the scheduler and returns at once. */
    public void start() {
        scheduler.execute(this::attempt);
    }

    private synchronized void attempt() {
        if (closed || host != null) {
            return;
        }
        try {
            host = start.get();
            notStarted = null;
            onStarted.accept(host);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            boolean news = !reason.equals(notStarted); // the stack trace once per reason, not on every retry
            notStarted = reason;
            String next = retry.isZero() ? "" : " (trying again in " + retry.toMillis() + " ms)";
            if (news) {
                LOG.error("Cutover did not start: {}{}", reason, next, e);
            } else {
                LOG.warn("Cutover did not start: {}{}", reason, next);
            }
            if (!retry.isZero()) {
                scheduler.schedule(this::attempt, retry.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    public synchronized Optional<CutoverHost> host() {
        return Optional.ofNullable(host);
    }

    /** Why the host does not run (yet); null once it runs. */
    public synchronized String notStartedBecause() {
        return notStarted;
    }

    @Override
    public synchronized void close() {
        closed = true;
        notStarted = "stopped";
        if (host != null) {
            host.close();
            host = null;
        }
    }
}
