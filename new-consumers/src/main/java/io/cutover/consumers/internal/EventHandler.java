package io.cutover.consumers.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;

import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.LoggedEvent;
import io.cutover.consumers.ConsumerException;
import io.cutover.consumers.DeadLetter;
import io.cutover.consumers.EventNotAcceptedException;
import io.cutover.consumers.Outcome;
import io.cutover.consumers.RuntimeSettings;
import io.cutover.consumers.shadow.ShadowEffect;
import io.cutover.consumers.shadow.ShadowEffects;
import io.cutover.consumers.spi.Consumer;
import io.cutover.consumers.spi.Firing;

/**
 * One event of one consumer: an attempt is one transaction (parked check, stamp lookup, idempotency mark, effect or
 * shadow record); failed attempts are retried with backoff and jitter, then the event becomes a dead letter.
 */
final class EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EventHandler.class);

    /** How an event reaches {@link #attempt}: read from the log, released from the parked table, or redriven. */
    enum Mode { NORMAL, RELEASED, REDRIVE }

    private enum Step { DONE, DUPLICATE, PARKED }

    private record Attempted(Step step, Outcome outcome) {
    }

    private final Consumer consumer;
    private final String name;
    private final Store store;
    private final ConnectionPool pool;
    private final Clock clock;
    private final RuntimeSettings settings;
    private final ScheduledExecutorService workers;
    private final DelayingScheduler scheduler;
    private final RetryPolicy<Object> retryPolicy;
    private final Stats stats;
    private final BooleanSupplier running;

    EventHandler(Consumer consumer, Store store, ConnectionPool pool, Clock clock, RuntimeSettings settings,
                 ScheduledExecutorService workers, Stats stats, BooleanSupplier running) {
        this.consumer = consumer;
        this.name = consumer.name();
        this.store = store;
        this.pool = pool;
        this.clock = clock;
        this.settings = settings;
        this.workers = workers;
        this.stats = stats;
        this.running = running;
        this.scheduler = new DelayingScheduler(workers, settings.retryDelays());
        RetryPolicyBuilder<Object> retry = RetryPolicy.builder()
                // an unknown version stays unknown: straight to the dead letters
                .handleIf(failure -> !(failure instanceof EventNotAcceptedException))
                .withMaxAttempts(settings.maxAttempts())
                .withBackoff(settings.backoffMin(), settings.backoffMax())
                .onRetry(event -> stats.retries.increment());
        if (settings.jitter() > 0) {
            retry.withJitter(settings.jitter());
        }
        this.retryPolicy = retry.build();
    }

    /** Completes with true when the event went through, false when it is (still) a dead letter. Never fails. */
    CompletableFuture<Boolean> handle(LoggedEvent event, Mode mode, String actor) {
        AtomicInteger attempts = new AtomicInteger();
        return Failsafe.with(retryPolicy).with(scheduler)
                .getAsync(() -> {
                    attempts.incrementAndGet();
                    return attempt(event, mode, actor);
                })
                .handle((attempted, failure) -> {
                    if (failure == null) {
                        Attempted a = attempted;
                        switch (a.step()) {
                            case DONE -> stats.done(a.outcome(), event.appendedAt(), clock.instant());
                            case DUPLICATE -> stats.duplicates.increment();
                            case PARKED -> stats.parked.increment();
                        }
                        return CompletableFuture.completedFuture(true);
                    }
                    if (!running.getAsBoolean()) {
                        // stopping (the workers may refuse new attempts): not the event's fault; read again at the next start
                        return CompletableFuture.completedFuture(false);
                    }
                    return deadLetter(event, mode, actor, unwrap(failure), attempts.get());
                })
                .thenCompose(f -> f);
    }

    private Attempted attempt(LoggedEvent event, Mode mode, String actor) throws Exception {
        EventEnvelope envelope = event.envelope();
        Connection tx = pool.borrow();
        boolean clean = false;
        try {
            tx.setAutoCommit(false);
            if (mode != Mode.REDRIVE && store.keyParked(tx, name, envelope.partitionKey())) {
                if (mode == Mode.NORMAL) {
                    store.park(tx, name, event);
                }
                tx.commit();
                clean = true;
                return new Attempted(Step.PARKED, null);
            }
            if (!consumer.accepts().version(envelope.type(), envelope.version())) {
                throw new EventNotAcceptedException(envelope.type() + " version " + envelope.version()
                        + " is not accepted by consumer " + name + " (accepts " + envelope.type() + " version "
                        + consumer.accepts().versionsOf(envelope.type()) + "); deploy a consumer that accepts it,"
                        + " then redrive, or skip");
            }
            Optional<Firing> firing = consumer.firing(envelope);
            Outcome outcome = firing.isEmpty() ? Outcome.NOT_FIRED
                    : store.stamp(tx, firing.get().flow(), firing.get().occurrenceKey()).map(decision -> switch (decision) {
                        case NEW -> Outcome.NEW;
                        case SHADOW -> Outcome.SHADOW;
                        case LEGACY -> Outcome.LEGACY;
                    }).orElse(Outcome.NO_STAMP); // no stamp: the legacy path acted
            boolean first = store.mark(tx, name, event, outcome);
            if (first) {
                perform(tx, event, firing, outcome);
            }
            if (mode != Mode.NORMAL) {
                store.unpark(tx, name, envelope.eventId());
            }
            if (mode == Mode.REDRIVE) {
                store.resolve(tx, name, envelope.eventId(), DeadLetter.State.REDRIVEN, actor, "redriven");
            }
            tx.commit();
            clean = true;
            return new Attempted(first ? Step.DONE : Step.DUPLICATE, outcome);
        } catch (SQLException e) {
            throw new ConsumerException("consumer " + name + ", event " + envelope.eventId() + ": " + e.getMessage(), e);
        } finally {
            end(tx, clean);
        }
    }

    private void perform(Connection tx, LoggedEvent event, Optional<Firing> firing, Outcome outcome) throws Exception {
        EventEnvelope envelope = event.envelope();
        if (outcome == Outcome.NEW) {
            consumer.handle(envelope, new RealEffects(tx, store, name, envelope.eventId(), clock, stats));
        } else if (outcome == Outcome.SHADOW) {
            RecordingEffects recorder = new RecordingEffects(clock);
            consumer.handle(envelope, recorder);
            Firing f = firing.orElseThrow();
            Optional<JsonNode> descriptor = recorder.descriptor();
            if (descriptor.isPresent()) { // no effect: the comparator reports it missing in new
                ShadowEffects.record(tx, new ShadowEffect(f.flow(), f.occurrenceKey(), name, envelope.eventId(),
                        descriptor.get(), clock.instant()));
            }
        }
    }

    private void end(Connection tx, boolean clean) {
        if (clean) {
            pool.release(tx);
            return;
        }
        try {
            tx.rollback();
            pool.release(tx);
        } catch (SQLException e) {
            pool.discard(tx);
        }
    }

    private CompletableFuture<Boolean> deadLetter(LoggedEvent event, Mode mode, String actor, Throwable failure,
                                                  int attempts) {
        String error = describe(failure);
        try {
            store.autoCommit("dead-letter event " + event.envelope().eventId(), c -> {
                c.setAutoCommit(false);
                store.deadLetter(c, name, event, error, attempts);
                c.commit();
                return null;
            });
            stats.deadLetters.increment();
            LOG.warn("consumer {}: event {} ({} #{}, key {}) is a dead letter after {} attempt(s): {}", name,
                    event.envelope().eventId(), event.envelope().type(), event.sequence(),
                    event.envelope().partitionKey(), attempts, error);
            return CompletableFuture.completedFuture(false);
        } catch (ConsumerException e) {
            if (!running.getAsBoolean()) {
                return CompletableFuture.completedFuture(false); // stays in flight: read again at the next start
            }
            // the store itself is failing: the event stays in flight and is tried again, its key waits
            LOG.error("consumer {}: cannot record dead letter {}, trying the event again: {}", name,
                    event.envelope().eventId(), e.getMessage());
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(settings.backoffMax().toMillis(), TimeUnit.MILLISECONDS, workers))
                    .thenCompose(v -> handle(event, mode, actor));
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }
}
