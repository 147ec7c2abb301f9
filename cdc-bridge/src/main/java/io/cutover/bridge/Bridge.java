package io.cutover.bridge;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.failsafe.AsyncExecution;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import io.cutover.bridge.internal.CaptureCounters;
import io.cutover.bridge.internal.CaptureHandler;
import io.cutover.bridge.internal.CaptureSetup;
import io.cutover.bridge.internal.EngineProperties;
import io.cutover.bridge.internal.Restartability;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;

/**
 * Captures the catalog's tables with Debezium Embedded (pgoutput) and appends the resulting domain events to the
 * event log. At-least-once from the WAL (offsets are committed after the log append), exactly-once in the log (it
 * absorbs re-reads by event id). Rows committed after {@link #start} returns are never lost; rows committed before the
 * bridge's first start are history, not events.
 *
 * <p>When the engine stops on a failure after it ran (connection lost, PostgreSQL restarted or failed over, the event
 * log unwritable), the bridge restarts it, same config, catalog and log, after a backoff ({@link State#RECONNECTING});
 * the new run resumes from the last committed offset. It gives up ({@link State#FAILED}) when restarting cannot help
 * (the slot or its WAL is gone, see {@link Restartability}) or after {@code cutover.bridge.restart.max-attempts}
 * restarts in a row that did not get a batch committed.
 *
 * <pre>
 * Bridge bridge = Bridge.start(config, EventCatalog.load(path), EventLog.postgres(ds, clock), clock);
 * ...
 * bridge.close();          // stop; slot and offsets stay, the next start resumes
 * bridge.decommission();   // or: stop and drop slot, publication and offsets for good
 * </pre>
 */
public final class Bridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
    private static final long CLOSE_TIMEOUT_MS = 30_000;

    /**
     * Lifecycle of one instance: STARTING, then RUNNING; on a restartable failure RECONNECTING (waiting for or doing a
     * restart) and back to RUNNING once the new engine's task started; STOPPED after {@link #close()}; FAILED when it
     * gave up.
     */
    public enum State { STARTING, RUNNING, RECONNECTING, STOPPED, FAILED }

    private final BridgeConfig config;
    private final EventCatalog catalog;
    private final EventLog log;
    private final Clock clock;
    private final DataSource dataSource;
    private final Executor executor;
    /** Backoff and limit of the restarts after a failure; one recovery at a time runs it. */
    private final RetryPolicy<Void> restartPolicy;
    private final CaptureCounters counters = new CaptureCounters();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Object lock = new Object();
    private volatile State state = State.STARTING;
    private volatile Throwable failure;
    /** Guarded by {@link #lock}: close() was called. */
    private boolean closing;
    /** Guarded by {@link #lock}: the engine run that is starting or running; null while waiting to restart. */
    private Run run;
    /** Guarded by {@link #lock}: the restarts after the last failure, until one gets a batch committed. */
    private CompletableFuture<Void> recovery;
    /** Guarded by {@link #lock}: waits out the backoff between restarts; made on the first failure. */
    private ScheduledExecutorService restartScheduler;

    /** One engine with its own handler; {@code attempt} is the restart it carries out (null for the first run). */
    private final class Run {
        final AsyncExecution<Void> attempt;
        final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
        final CaptureHandler handler;
        volatile boolean taskStarted;
        volatile boolean progressed;

        Run(AsyncExecution<Void> attempt) {
            this.attempt = attempt;
            this.handler = new CaptureHandler(config.name(), catalog, log, dataSource, clock, config.maxBatchSize(), counters,
                    this::committed);
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            // DebeziumEngine.create finds its builder through the context class loader, foreign in some containers
            Thread.currentThread().setContextClassLoader(Bridge.class.getClassLoader());
            try {
                engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                        .using(EngineProperties.of(config, catalog.tables()))
                        .using(new DebeziumEngine.ConnectorCallback() {
                            @Override
                            public void taskStarted() {
                                Run.this.taskStarted();
                            }
                        })
                        .using((success, message, error) -> completed(this, success, message, error))
                        .notifying(handler)
                        .build();
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        }

        private void taskStarted() {
            synchronized (lock) {
                if (run != this || closing) {
                    return;
                }
                taskStarted = true;
                state = State.RUNNING;
            }
            if (attempt != null) {
                LOG.info("bridge {} capturing again (restart {})", config.name(), counters.stats().restarts());
            }
            started.complete(null);
        }

        /** A batch committed: this run works, so the restart that made it succeeded and the next failure starts afresh. */
        private void committed() {
            if (!progressed) {
                progressed = true;
                if (attempt != null) {
                    attempt.recordResult(null);
                }
            }
        }
    }

    private Bridge(BridgeConfig config, EventCatalog catalog, EventLog log, Clock clock, Executor executor) {
        this.config = Objects.requireNonNull(config, "config");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dataSource = config.dataSource();
        this.restartPolicy = restartPolicy(config);
    }

    /** Starts on a thread of its own; see {@link #start(BridgeConfig, EventCatalog, EventLog, Clock, Executor)}. */
    public static Bridge start(BridgeConfig config, EventCatalog catalog, EventLog log, Clock clock) {
        return start(config, catalog, log, clock, task -> {
            Thread t = new Thread(task, "cutover-bridge-" + config.name());
            t.setDaemon(true);
            t.start();
        });
    }

    /**
     * Prepares the database (bridge tables, catalog vs live schema, REPLICA IDENTITY, publication, slot), then runs
     * the engine on {@code executor} (e.g. a ManagedExecutorService; it holds one thread while capture runs, and a
     * restart runs the new engine on it too) and returns once capture runs. A failure before that is not retried.
     *
     * @throws CatalogException       when the catalog does not fit the live schema
     * @throws BridgeStartupException when the database is not ready for capture or the engine does not start
     */
    public static Bridge start(BridgeConfig config, EventCatalog catalog, EventLog log, Clock clock, Executor executor) {
        Bridge bridge = new Bridge(config, catalog, log, clock, executor);
        bridge.prepare();
        bridge.runFirst();
        return bridge;
    }

    private void prepare() {
        BridgeSchema.migrate(dataSource);
        try (Connection c = dataSource.getConnection()) {
            catalog.checkSchema(c);
            CaptureSetup.requireReplicaIdentityFull(c, catalog.tables(), config.setReplicaIdentity());
            CaptureSetup.ensurePublication(c, config.publicationName(), catalog.tables());
            CaptureSetup.ensureSlot(c, config.slotName(), config.name());
        } catch (SQLException e) {
            throw new BridgeStartupException("cannot prepare " + config.jdbcUrl() + " for capture: " + e.getMessage(), e);
        }
    }

    private void runFirst() {
        Run first = new Run(null);
        synchronized (lock) {
            run = first;
        }
        executor.execute(first.engine);
        try {
            started.get(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("bridge {} capturing {} into the event log ({})", config.name(), catalog.tables(), config);
        } catch (ExecutionException e) {
            closeQuietly();
            throw new BridgeStartupException("bridge " + config.name() + " did not start: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            closeQuietly();
            throw new BridgeStartupException("bridge " + config.name() + " did not start within "
                    + config.startTimeout().toMillis() + " ms (" + BridgeConfig.START_TIMEOUT_MS.name() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly();
            throw new BridgeStartupException("interrupted while starting bridge " + config.name());
        }
    }

    private void completed(Run r, boolean success, String message, Throwable error) {
        r.handler.close();
        Throwable cause = success && error == null ? null : error != null ? error : new BridgeException(message);
        synchronized (lock) {
            if (run == r) {
                run = null;
            }
            if (cause != null) {
                failure = cause;
            }
            if (closing || cause == null) {
                finish(State.STOPPED);
                return;
            }
            if (r.attempt == null && !r.taskStarted) { // start() is waiting and reports it; nothing ran to recover
                LOG.error("bridge {} did not start: {}", config.name(), message, cause);
                finish(State.FAILED);
                return;
            }
            state = State.RECONNECTING;
            if (r.attempt == null || r.progressed) {
                LOG.warn("bridge {} stopped on a failure, restarting: {}", config.name(), describe(cause), cause);
                recover(cause);
                return;
            }
        }
        r.attempt.recordException(classified(cause)); // the restart did not take: Failsafe schedules the next one or gives up
    }

    /** Restarts after {@code cause} with backoff until a run gets a batch committed, or gives up. */
    private void recover(Throwable cause) {
        if (restartScheduler == null) {
            restartScheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread t = new Thread(task, "cutover-bridge-" + config.name() + "-restart");
                t.setDaemon(true);
                return t;
            });
        }
        CompletableFuture<Void> restarts = Failsafe.with(restartPolicy).with(restartScheduler).runAsyncExecution(attempt -> {
            if (attempt.isFirstAttempt()) {
                // attempt 1 is the run that just failed: so the first restart, too, waits out the initial backoff
                attempt.recordException(classified(cause));
            } else {
                restart(attempt);
            }
        });
        recovery = restarts;
        restarts.whenComplete((ok, error) -> recovered(restarts, error));
    }

    private static RetryPolicy<Void> restartPolicy(BridgeConfig config) {
        RetryPolicyBuilder<Void> policy = RetryPolicy.<Void>builder()
                .abortOn(PermanentFailure.class)
                .withMaxRetries(config.restartMaxAttempts())
                .onRetryScheduled(e -> LOG.warn("bridge {}: restart attempt {} in {} ms after: {}", config.name(),
                        e.getAttemptCount(), e.getDelay().toMillis(), describe(e.getLastException())));
        return (config.restartBackoffInitial().equals(config.restartBackoffMax())
                ? policy.withDelay(config.restartBackoffInitial())
                : policy.withBackoff(config.restartBackoffInitial(), config.restartBackoffMax())).build();
    }

    private void restart(AsyncExecution<Void> attempt) {
        counters.restarted();
        try (Connection c = dataSource.getConnection()) {
            // the engine would recreate a missing slot and stream from now on, silently skipping what was committed since
            if (CaptureSetup.slotLagBytes(c, config.slotName()).isEmpty()) {
                attempt.recordException(new PermanentFailure(Restartability.slotLost(config.name(), config.slotName()), null));
                return;
            }
        } catch (SQLException e) {
            attempt.recordException(e);
            return;
        }
        Run next;
        synchronized (lock) {
            if (closing) {
                return;
            }
            try {
                next = new Run(attempt);
            } catch (RuntimeException e) {
                attempt.recordException(classified(e));
                return;
            }
            run = next;
        }
        try {
            executor.execute(next.engine);
        } catch (RejectedExecutionException e) {
            synchronized (lock) {
                run = null;
            }
            attempt.recordException(classified(e));
        }
    }

    private void recovered(CompletableFuture<Void> restarts, Throwable error) {
        synchronized (lock) {
            if (recovery != restarts) {
                return; // a later failure started a recovery of its own
            }
            recovery = null;
            if (closing || stopped.isDone()) {
                return;
            }
            if (error == null) {
                failure = null;
                LOG.info("bridge {} recovered: capture commits again ({} restart(s) so far)", config.name(),
                        counters.stats().restarts());
                return;
            }
            failure = error instanceof PermanentFailure p ? new BridgeException(p.getMessage(), p.getCause())
                    : new BridgeException("bridge " + config.name() + " gave up after " + config.restartMaxAttempts()
                            + " restart(s) in a row without progress (" + BridgeConfig.RESTART_MAX_ATTEMPTS.name() + "); last failure: "
                            + describe(error), error);
            LOG.error("bridge {} FAILED: {}", config.name(), failure.getMessage());
            finish(State.FAILED);
        }
    }

    /** Final state; under {@link #lock}. */
    private void finish(State end) {
        state = end;
        started.completeExceptionally(failure != null ? failure : new BridgeException("bridge " + config.name() + " stopped"));
        stopped.complete(null);
        if (restartScheduler != null) {
            restartScheduler.shutdownNow();
        }
    }

    private Throwable classified(Throwable cause) {
        return Restartability.permanent(cause, config.name(), config.slotName())
                .<Throwable>map(why -> new PermanentFailure(why, cause)).orElse(cause);
    }

    /** The failure and its root cause, in one line; carries no password (neither Debezium nor pgjdbc put it there). */
    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t) : t + " (cause: " + root + ")";
    }

    /** A failure no restart can cure; its message says what to do. */
    private static final class PermanentFailure extends BridgeException {
        PermanentFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public State state() {
        return state;
    }

    /**
     * Why the bridge failed, if it did; while it restarts ({@link State#RECONNECTING}, and RUNNING until the new run
     * committed a batch), the failure it is recovering from.
     */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Counters since start, over every engine run (restarts included). */
    public BridgeStats stats() {
        return counters.stats();
    }

    public BridgeConfig config() {
        return config;
    }

    /** Bytes of WAL the bridge's slot holds back: {@code pg_current_wal_lsn() - confirmed_flush_lsn}. */
    public long slotLagBytes() {
        try (Connection c = dataSource.getConnection()) {
            return CaptureSetup.slotLagBytes(c, config.slotName()).orElseThrow(() -> new BridgeException(
                    "replication slot " + config.slotName() + " of bridge " + config.name() + " does not exist"));
        } catch (SQLException e) {
            throw new BridgeException("cannot read the lag of slot " + config.slotName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops capture after the batch in hand, or a pending restart; slot, publication and offsets stay, so the next start
     * resumes. Idempotent, and a no-op after the bridge stopped or gave up (see {@link #state()}).
     */
    @Override
    public synchronized void close() {
        Run current;
        CompletableFuture<Void> pending;
        synchronized (lock) {
            if (stopped.isDone()) {
                return;
            }
            closing = true;
            current = run;
            pending = recovery;
            if (pending != null) {
                pending.cancel(false); // drops the restart waiting out its backoff
            }
            if (current == null) { // between two runs: no engine to wait for
                finish(State.STOPPED);
                return;
            }
        }
        try {
            current.engine.close();
            stopped.get(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (stopped.isDone()) {
                return; // the engine shut down on a failure while we asked it to: nothing left to stop
            }
            throw new BridgeException("bridge " + config.name() + " did not stop cleanly: " + e.getMessage(), e);
        }
    }

    /** Stops for good: drops the slot (no more WAL retained), the publication and the offsets. The event log stays. */
    public void decommission() {
        close();
        try (Connection c = dataSource.getConnection()) {
            CaptureSetup.decommission(c, config.slotName(), config.publicationName(), config.name(), CLOSE_TIMEOUT_MS);
            LOG.info("bridge {} decommissioned: slot {} and publication {} dropped", config.name(), config.slotName(),
                    config.publicationName());
        } catch (SQLException e) {
            throw new BridgeException("cannot decommission bridge " + config.name() + ": " + e.getMessage(), e);
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            LOG.warn("bridge {}: close after a failed start failed too: {}", config.name(), e.getMessage());
        }
    }
}
