package io.cutover.bridge.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.cutover.bridge.BridgeException;
import io.cutover.bridge.EventCatalog;
import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.EventLog;
import io.cutover.bridge.RowChange;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;

/**
 * One Debezium batch at a time: map every row change (failures go to the dead letters with their reason), append
 * the events to the log, and only then mark the records processed, so Debezium commits offsets after the log has
 * them. A crash in between re-reads the batch; the log absorbs the repeats by event id (dead letters by change id).
 *
 * <p>A full batch (a backlog is being drained) is appended on the handler's own thread while Debezium hands over and
 * this thread maps the next one; its records are marked processed, and so its offsets committed, when the next batch
 * arrives and the append has committed. A batch smaller than the maximum means capture has caught up: it is appended
 * and committed before handleBatch returns, with any batch still in flight before it, so at most one full batch, whose
 * append may already be in the log, has uncommitted offsets at a time.
 *
 * <p>One handler serves one engine run: a restarted engine gets a new one, so a batch still in flight on a failed
 * run's append thread is never marked processed by the next run (its records belong to the dead engine's committer);
 * the next run re-reads it from the last committed offset and the log absorbs what the late append wrote.
 */
public final class CaptureHandler implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureHandler.class);

    private final String bridge;
    private final EventCatalog catalog;
    private final EventLog log;
    private final DataSource dataSource;
    private final Clock clock;
    private final int maxBatchSize;
    private final ExecutorService appender;
    /** The full batch whose append runs on {@link #appender}; only touched by the engine's thread. */
    private InFlight inFlight;
    private final CaptureCounters counters;
    private final Runnable onCommitted;

    /** {@code onCommitted} runs on the engine's thread after each batch's offsets were handed to Debezium. */
    public CaptureHandler(String bridge, EventCatalog catalog, EventLog log, DataSource dataSource, Clock clock, int maxBatchSize,
            CaptureCounters counters, Runnable onCommitted) {
        this.bridge = bridge;
        this.counters = counters;
        this.onCommitted = onCommitted;
        this.catalog = catalog;
        this.log = log;
        this.dataSource = dataSource;
        this.clock = clock;
        this.maxBatchSize = maxBatchSize;
        this.appender = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "cutover-bridge-" + bridge + "-append");
            t.setDaemon(true);
            return t;
        });
    }

    private record InFlight(List<RecordChangeEvent<SourceRecord>> records, int events, Future<Integer> added) {
    }

    private record DeadLetter(UUID changeId, String table, long lsn, String raw, String reason) {
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        List<EventEnvelope> events = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        for (RecordChangeEvent<SourceRecord> r : records) {
            SourceRecord sr = r.record();
            if (RecordConverter.isHeartbeat(sr)) {
                continue;
            }
            RowChange change = null;
            try {
                change = RecordConverter.toRowChange(sr);
                if (change != null && !isHeartbeatRow(change)) {
                    counters.rowChanges.incrementAndGet();
                    events.addAll(catalog.map(change));
                }
            } catch (RuntimeException e) {
                dead.add(deadLetter(sr, change, e));
            }
        }
        if (!dead.isEmpty()) {
            writeDeadLetters(dead);
        }
        finishInFlight(committer); // appends stay serial and in order; the previous batch's offsets go first
        if (records.size() >= maxBatchSize) {
            inFlight = new InFlight(records, events.size(), appender.submit(() -> log.append(events)));
        } else {
            committed(records, events.size(), log.append(events), committer);
        }
    }

    private void finishInFlight(DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        if (inFlight == null) {
            return;
        }
        InFlight f = inFlight;
        inFlight = null;
        int added;
        try {
            added = f.added().get();
        } catch (ExecutionException e) {
            // as if the append had failed in handleBatch: nothing of that batch (or this one) is committed
            throw e.getCause() instanceof RuntimeException r ? r : new BridgeException(e.getCause().getMessage(), e.getCause());
        }
        committed(f.records(), f.events(), added, committer);
    }

    private void committed(List<RecordChangeEvent<SourceRecord>> records, int events, int added,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        counters.appended.addAndGet(added);
        counters.reReadsAbsorbed.addAndGet(events - added);
        for (RecordChangeEvent<SourceRecord> r : records) {
            committer.markProcessed(r);
        }
        committer.markBatchFinished();
        counters.batches.incrementAndGet();
        onCommitted.run();
    }

    /** Stops the append thread; an append still in flight has no offsets committed, so the next start re-reads it. */
    @Override
    public void close() {
        appender.shutdown();
    }

    /** Rows of the heartbeat table only move the slot along; they are no legacy change. */
    private static boolean isHeartbeatRow(RowChange change) {
        return change.source().qualifiedTable().equals(CaptureSetup.HEARTBEAT_TABLE);
    }

    private DeadLetter deadLetter(SourceRecord sr, RowChange change, RuntimeException e) {
        Map<String, Object> raw = new LinkedHashMap<>();
        String table;
        long lsn;
        if (change != null) {
            raw.put("operation", change.operation().catalogName());
            raw.put("source", change.source());
            raw.put("committed_at", change.committedAt().toString());
            raw.put("key", change.key());
            raw.put("before", change.before());
            raw.put("after", change.after());
            table = change.source().qualifiedTable();
            lsn = change.source().lsn();
        } else {
            raw.put("topic", sr.topic());
            raw.put("source_offset", String.valueOf(sr.sourceOffset()));
            raw.put("record", String.valueOf(sr.value()));
            table = sr.topic();
            lsn = sr.sourceOffset() != null && sr.sourceOffset().get("lsn") instanceof Long l ? l : -1L;
        }
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(raw);
        } catch (JsonProcessingException x) {
            json = "{\"unprintable\":" + Json.MAPPER.getNodeFactory().textNode(String.valueOf(raw)) + "}";
        }
        String reason = e instanceof BridgeException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.warn("bridge {}: row change of {} at lsn {} dead-lettered: {}", bridge, table, lsn, reason);
        return new DeadLetter(EventIds.nameBased("dead-letter", bridge, json), table, lsn, json, reason);
    }

    private void writeDeadLetters(List<DeadLetter> dead) {
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into cutover.bridge_dead_letter (change_id, bridge, source_table, lsn, raw_change, reason, at)"
                        + " values (?, ?, ?, ?, ?::jsonb, ?, ?) on conflict (change_id) do nothing")) {
            for (DeadLetter d : dead) {
                ps.setObject(1, d.changeId());
                ps.setString(2, bridge);
                ps.setString(3, d.table());
                ps.setLong(4, d.lsn());
                ps.setString(5, d.raw());
                ps.setString(6, d.reason());
                ps.setTimestamp(7, now);
                ps.addBatch();
            }
            for (int n : ps.executeBatch()) {
                counters.deadLettered.addAndGet(n > 0 ? 1 : 0);
            }
        } catch (SQLException e) {
            // not swallowed: without its dead letters the batch must not be committed
            throw new BridgeException("cannot write " + dead.size() + " dead letters of bridge " + bridge + ": " + e.getMessage(), e);
        }
    }
}
