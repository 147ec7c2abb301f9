package io.cutover.bridge;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cutover.bridge.internal.CaptureHandler;
import io.cutover.bridge.internal.CaptureSetup;
import io.cutover.bridge.internal.EngineProperties;
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

    /** Lifecycle of one instance. */
    public enum State { STARTING, RUNNING, STOPPED, FAILED }

    private final BridgeConfig config;
    private final DataSource dataSource;
    private final CaptureHandler handler;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile State state = State.STARTING;
    private volatile Throwable failure;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;

    private Bridge(BridgeConfig config, EventCatalog catalog, EventLog log, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.dataSource = config.dataSource();
        this.handler = new CaptureHandler(config.name(), Objects.requireNonNull(catalog, "catalog"),
                Objects.requireNonNull(log, "log"), dataSource, Objects.requireNonNull(clock, "clock"), config.maxBatchSize());
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
     * the engine on {@code executor} (e.g. a ManagedExecutorService; it holds one thread for the bridge's lifetime)
     * and returns once capture runs.
     *
     * @throws CatalogException       when the catalog does not fit the live schema
     * @throws BridgeStartupException when the database is not ready for capture or the engine does not start
     */
    public static Bridge start(BridgeConfig config, EventCatalog catalog, EventLog log, Clock clock, Executor executor) {
        Bridge bridge = new Bridge(config, catalog, log, clock);
        bridge.prepare(catalog);
        bridge.run(catalog, executor);
        return bridge;
    }

    private void prepare(EventCatalog catalog) {
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

    private void run(EventCatalog catalog, Executor executor) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // DebeziumEngine.create finds its builder through the context class loader, foreign in some containers
        Thread.currentThread().setContextClassLoader(Bridge.class.getClassLoader());
        try {
            engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(EngineProperties.of(config, catalog.tables()))
                    .using(new DebeziumEngine.ConnectorCallback() {
                        @Override
                        public void taskStarted() {
                            state = State.RUNNING;
                            started.complete(null);
                        }
                    })
                    .using((success, message, error) -> completed(success, message, error))
                    .notifying(handler)
                    .build();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        executor.execute(engine);
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

    private void completed(boolean success, String message, Throwable error) {
        handler.close();
        if (success && error == null) {
            state = State.STOPPED;
        } else {
            failure = error != null ? error : new BridgeException(message);
            state = State.FAILED;
            LOG.error("bridge {} stopped on a failure: {}", config.name(), message, error);
        }
        started.completeExceptionally(failure != null ? failure : new BridgeException("engine stopped: " + message));
        stopped.complete(null);
    }

    public State state() {
        return state;
    }

    /** Why the bridge failed, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public BridgeStats stats() {
        return handler.stats();
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
     * Stops capture after the batch in hand; slot, publication and offsets stay, so the next start resumes. Idempotent,
     * and a no-op after the engine stopped on its own (see {@link #state()}).
     */
    @Override
    public synchronized void close() {
        if (engine == null || stopped.isDone()) {
            return;
        }
        try {
            engine.close();
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
