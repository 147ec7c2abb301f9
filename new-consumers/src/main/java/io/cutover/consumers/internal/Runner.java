package io.cutover.consumers.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cutover.bridge.EventLog;
import io.cutover.bridge.LoggedEvent;
import io.cutover.consumers.ConsumerException;
import io.cutover.consumers.ConsumerMetrics;
import io.cutover.consumers.DeadLetter;
import io.cutover.consumers.Outcome;
import io.cutover.consumers.RuntimeSettings;
import io.cutover.consumers.internal.EventHandler.Mode;
import io.cutover.consumers.spi.Consumer;

/**
 * Runs one consumer: a reader thread follows the log from the checkpoint and hands each accepted event to the lane of
 * its partition key; a lane runs its events one after the other (a chain of futures), lanes run in parallel on the
 * shared workers. The checkpoint is the lowest sequence still in flight, so a restart re-reads at most the window,
 * and the idempotency marks absorb the re-read.
 */
final class Runner {
    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
    private static final CompletableFuture<Object> DONE = CompletableFuture.completedFuture(null);

    private final Consumer consumer;
    private final String name;
    private final EventLog log;
    private final Store store;
    private final Clock clock;
    private final RuntimeSettings settings;
    private final ScheduledExecutorService workers;
    private final Stats stats = new Stats();
    private final EventHandler handler;

    private final Map<String, CompletableFuture<?>> lanes = new HashMap<>();
    private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
    private final Semaphore window;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong replayFrom = new AtomicLong(-1);
    private volatile long nextRead;
    private volatile boolean running;
    private long savedCheckpoint = -1;
    private Thread reader;

    Runner(Consumer consumer, EventLog log, Store store, ConnectionPool pool, Clock clock, RuntimeSettings settings,
           ScheduledExecutorService workers) {
        this.consumer = consumer;
        this.name = consumer.name();
        this.log = log;
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.workers = workers;
        this.window = new Semaphore(settings.maxInFlight());
        this.handler = new EventHandler(consumer, store, pool, clock, settings, workers, stats, () -> running);
    }

    String name() {
        return name;
    }

    void start() {
        nextRead = store.checkpoint(name);
        savedCheckpoint = nextRead;
        running = true;
        reader = new Thread(this::read, "cutover-consumer-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The log has a new head: read now instead of at the next fallback poll. */
    void wake() {
        wake.release();
    }

    /** Stops reading, lets the lanes finish what they hold for up to {@code grace}, saves the checkpoint. */
    void stop(Duration grace) {
        running = false;
        if (reader != null) {
            reader.interrupt();
            try {
                reader.join(TimeUnit.SECONDS.toMillis(10));
                List<CompletableFuture<?>> open;
                synchronized (lanes) {
                    open = new ArrayList<>(lanes.values());
                }
                CompletableFuture.allOf(open.toArray(CompletableFuture[]::new)).get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("consumer {}: stopped with {} events in flight; they are read again at the next start", name,
                        inFlight.size());
            }
        }
        saveCheckpoint();
    }

    // ---- the reader

    private void read() {
        long next = nextRead;
        while (running) {
            try {
                long replay = replayFrom.getAndSet(-1);
                if (replay > 0) {
                    LOG.info("consumer {}: replaying from sequence {}", name, replay);
                    next = replay;
                    nextRead = next;
                }
                List<LoggedEvent> batch = log.readFrom(next, settings.batchSize());
                if (batch.isEmpty()) {
                    saveCheckpoint();
                    wake.tryAcquire(settings.fallbackPoll().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                    continue;
                }
                for (LoggedEvent event : batch) {
                    if (!running || replayFrom.get() > 0) {
                        break;
                    }
                    if (consumer.accepts().type(event.envelope().type())) {
                        while (!window.tryAcquire(settings.fallbackPoll().toMillis(), TimeUnit.MILLISECONDS)) {
                            saveCheckpoint(); // the window is full: keep the checkpoint moving with the lanes
                        }
                        dispatch(event);
                    }
                    next = event.sequence() + 1;
                    nextRead = next;
                }
                saveCheckpoint();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("consumer {}: cannot read the event log, trying again: {}", name, e.getMessage());
                try {
                    wake.tryAcquire(settings.fallbackPoll().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void dispatch(LoggedEvent event) {
        long sequence = event.sequence();
        inFlight.add(sequence);
        enqueue(event.envelope().partitionKey(), () -> handler.handle(event, Mode.NORMAL, null)).whenComplete((ok, failure) -> {
            inFlight.remove(sequence);
            window.release();
        });
    }

    /** Everything below the lowest in-flight sequence is done (or parked, or dead); nothing in flight: all read. */
    private long watermark() {
        Long lowest = inFlight.ceiling(Long.MIN_VALUE);
        return lowest != null ? lowest : nextRead;
    }

    private synchronized void saveCheckpoint() {
        long watermark = watermark();
        if (watermark != savedCheckpoint) {
            try {
                store.saveCheckpoint(name, watermark);
                savedCheckpoint = watermark;
            } catch (ConsumerException e) {
                LOG.warn("consumer {}: {}", name, e.getMessage()); // kept in memory, saved next time
            }
        }
    }

    // ---- lanes: one chain of futures per partition key

    private <T> CompletableFuture<T> enqueue(String key, Supplier<CompletableFuture<T>> work) {
        synchronized (lanes) {
            CompletableFuture<?> previous = lanes.getOrDefault(key, DONE);
            CompletableFuture<T> next = previous.handle((v, t) -> null).thenCompose(v -> {
                try {
                    return work.get();
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            });
            lanes.put(key, next);
            next.whenComplete((v, t) -> {
                synchronized (lanes) {
                    lanes.remove(key, next);
                }
            });
            return next;
        }
    }

    // ---- operator calls

    /** Retries the parked event (full retry policy), then releases its key's parked successors in order. */
    CompletableFuture<Boolean> redrive(UUID eventId, String actor) {
        DeadLetter dead = parked(eventId);
        LoggedEvent event = new LoggedEvent(dead.sequence(), dead.deadAt(), dead.event());
        return enqueue(dead.partitionKey(), () -> handler.handle(event, Mode.REDRIVE, actor)
                .thenCompose(ok -> ok ? release(dead.partitionKey()).thenApply(released -> true)
                        : CompletableFuture.completedFuture(false)));
    }

    /** Gives up on the parked event for good (marked SKIPPED, so no replay runs it), then releases its successors. */
    CompletableFuture<Boolean> skip(UUID eventId, String reason, String actor) {
        DeadLetter dead = parked(eventId);
        LoggedEvent event = new LoggedEvent(dead.sequence(), dead.deadAt(), dead.event());
        return enqueue(dead.partitionKey(), () -> CompletableFuture.supplyAsync(() -> store.autoCommit(
                        "skip dead letter " + eventId, c -> {
                            c.setAutoCommit(false);
                            store.resolve(c, name, eventId, DeadLetter.State.SKIPPED, actor, reason);
                            store.mark(c, name, event, Outcome.SKIPPED);
                            c.commit();
                            return true;
                        }), workers)
                .thenCompose(ok -> release(dead.partitionKey())).thenApply(released -> true));
    }

    /**
     * The parked successors of a key, one after the other, until one of them becomes a dead letter itself (then the
     * rest stay parked behind it). False when that happened.
     */
    private CompletableFuture<Boolean> release(String partitionKey) {
        CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
        for (long sequence : store.parkedSequences(name, partitionKey)) {
            chain = chain.thenCompose(ok -> ok ? handler.handle(at(sequence), Mode.RELEASED, null)
                    : CompletableFuture.completedFuture(false));
        }
        return chain;
    }

    private LoggedEvent at(long sequence) {
        List<LoggedEvent> events = log.readFrom(sequence, 1);
        if (events.isEmpty() || events.get(0).sequence() != sequence) {
            throw new ConsumerException("consumer " + name + ": parked event #" + sequence + " is no longer in the log");
        }
        return events.get(0);
    }

    private DeadLetter parked(UUID eventId) {
        return store.deadLetters(name, Optional.of(eventId)).stream()
                .filter(d -> d.state() == DeadLetter.State.PARKED)
                .findFirst()
                .orElseThrow(() -> new ConsumerException("consumer " + name + " has no parked dead letter " + eventId));
    }

    List<DeadLetter> deadLetters() {
        return store.deadLetters(name, Optional.empty());
    }

    /** Reads the log again from {@code sequence}; events already marked done are passed over, never repeated. */
    long replayFrom(long sequence) {
        if (sequence < 1) {
            throw new ConsumerException("replay sequence must be >= 1, was " + sequence);
        }
        replayFrom.set(sequence);
        wake();
        return sequence;
    }

    long replayFrom(Instant at) {
        return replayFrom(store.sequenceAt(at));
    }

    ConsumerMetrics metrics() {
        Instant now = clock.instant();
        long head = log.headSequence();
        long watermark = watermark();
        long lagEvents = Math.max(0, head - watermark + 1);
        Duration lag = Duration.ZERO;
        if (lagEvents > 0) {
            lag = log.readFrom(watermark, 1).stream().findFirst()
                    .map(e -> Duration.between(e.appendedAt(), now))
                    .filter(d -> !d.isNegative())
                    .orElse(Duration.ZERO);
        }
        return new ConsumerMetrics(name, now, lagEvents, lag, stats.processed.sum(), stats.performed.sum(),
                stats.shadowRecorded.sum(), stats.duplicates.sum(), stats.retries.sum(), stats.deadLetters.sum(),
                stats.parked.sum(), stats.uncertainResends.sum(), stats.perSecond(now), stats.latencyPercentile(0.5),
                stats.latencyPercentile(0.99));
    }
}
