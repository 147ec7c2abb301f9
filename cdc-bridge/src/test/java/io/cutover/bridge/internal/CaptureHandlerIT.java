package io.cutover.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cutover.bridge.BridgeSchema;
import io.cutover.bridge.EventCatalog;
import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.EventLog;
import io.cutover.bridge.EventLogException;
import io.cutover.bridge.LoggedEvent;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;

/**
 * The batch handler on its own: a re-delivered batch (what a crash before the offset commit causes) changes nothing;
 * a full batch's offsets are committed only after its append, which overlaps with the next batch.
 */
@WithPostgres
class CaptureHandlerIT {

    private static final Schema ROW = SchemaBuilder.struct().optional()
            .field("id", Schema.INT64_SCHEMA).field("state", Schema.STRING_SCHEMA).build();
    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final Schema SOURCE = SchemaBuilder.struct()
            .field("db", Schema.STRING_SCHEMA).field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA).field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("x.Envelope")
            .field("before", ROW).field("after", ROW).field("source", SOURCE).field("op", Schema.STRING_SCHEMA).build();
    private static final EventCatalog CATALOG = EventCatalog.parse("h.yaml", """
            events:
              - type: ParcelRegistered
                table: depot.parcel
                operation: insert
                partition_key: id
                payload: [id]
              - type: ParcelDispatched
                table: depot.parcel
                operation: update
                transition: {state: PACKED -> DISPATCHED}
                partition_key: id
                payload: [id, state]
            """);

    private static Database db;

    @BeforeAll
    static void schema(Database database) {
        db = database;
        BridgeSchema.migrate(db.dataSource());
    }

    private static RecordChangeEvent<SourceRecord> change(String op, String table, Long lsn, Struct before, Struct after) {
        Struct source = new Struct(SOURCE).put("db", "legacy").put("schema", "depot").put("table", table).put("lsn", lsn)
                .put("txId", 9L).put("ts_ms", 1_795_500_930_123L);
        Struct value = new Struct(ENVELOPE).put("before", before).put("after", after).put("source", source).put("op", op);
        SourceRecord r = new SourceRecord(Map.of("server", "h"), Map.of("lsn", lsn == null ? 0L : lsn), "h.depot." + table, null,
                KEY, new Struct(KEY).put("id", 1L), ENVELOPE, value);
        return () -> r;
    }

    private static Struct row(long id, String state) {
        return new Struct(ROW).put("id", id).put("state", state);
    }

    /** Records what the handler marks, as Debezium's committer would before committing offsets. */
    private static final class Committer implements DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> {
        final List<RecordChangeEvent<SourceRecord>> processed = new ArrayList<>();
        int batchesFinished;

        @Override
        public void markProcessed(RecordChangeEvent<SourceRecord> record) {
            processed.add(record);
        }

        @Override
        public void markBatchFinished() {
            batchesFinished++;
        }

        @Override
        public void markProcessed(RecordChangeEvent<SourceRecord> record, DebeziumEngine.Offsets offsets) {
            processed.add(record);
        }

        @Override
        public DebeziumEngine.Offsets buildOffsets() {
            throw new UnsupportedOperationException("not used by the bridge");
        }
    }

    @Test
    void aReDeliveredBatchAddsNoEventsAndNoDeadLetters() throws Exception {
        EventLog log = EventLog.postgres(db.dataSource(), Clock.systemUTC());
        CaptureCounters counters = new CaptureCounters();
        CaptureHandler handler = new CaptureHandler("h", CATALOG, log, db.dataSource(),
                Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC), 100, counters, () -> { });
        SourceRecord beat = new SourceRecord(Map.of(), Map.of("lsn", 5L), "__debezium-heartbeat.h", null, null, null, null);
        List<RecordChangeEvent<SourceRecord>> batch = List.of(
                change("c", "parcel", 100L, null, row(1, "PACKED")),
                () -> beat,
                change("c", "parcel", null, null, row(2, "PACKED")), // malformed: no LSN
                change("u", "parcel", 120L, row(1, "PACKED"), row(1, "DISPATCHED")),
                change("u", "truck", 130L, row(1, "A"), row(1, "B"))); // not in the catalog: no event, no dead letter
        long head = log.headSequence();

        Committer first = new Committer();
        handler.handleBatch(batch, first);
        Committer again = new Committer();
        handler.handleBatch(batch, again);

        List<LoggedEvent> events = log.readFrom(head + 1, 100);
        assertThat(events).extracting(e -> e.envelope().type()).containsExactly("ParcelRegistered", "ParcelDispatched");
        assertThat(first.processed).containsExactlyElementsOf(batch);
        assertThat(again.processed).containsExactlyElementsOf(batch);
        assertThat(first.batchesFinished).isEqualTo(1);
        assertThat(counters.stats().eventsAppended()).isEqualTo(2);
        assertThat(counters.stats().deadLettered()).isEqualTo(1);
        assertThat(counters.stats().batches()).isEqualTo(2);
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select count(*), min(reason), bool_and(at = timestamptz '2026-11-24 10:00:00+00') from cutover.bridge_dead_letter where bridge = 'h'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("change event without lsn/txId in its source: topic h.depot.parcel");
            assertThat(rs.getBoolean(3)).as("stamped by the injected clock").isTrue();
        }
    }

    @Test
    void aFullBatchIsAppendedWhileTheNextArrivesAndItsOffsetsAreMarkedOnlyAfterTheAppend() throws Exception {
        EventLog log = EventLog.postgres(db.dataSource(), Clock.systemUTC());
        List<RecordChangeEvent<SourceRecord>> full = List.of(change("c", "parcel", 1000L, null, row(10, "PACKED")),
                change("c", "parcel", 1010L, null, row(11, "PACKED")));
        List<RecordChangeEvent<SourceRecord>> caughtUp = List.of(change("c", "parcel", 1020L, null, row(12, "PACKED")));
        long head = log.headSequence();

        CaptureCounters counters = new CaptureCounters();
        try (CaptureHandler handler = new CaptureHandler("full", CATALOG, log, db.dataSource(), Clock.systemUTC(), 2, counters,
                () -> { })) {
            Committer first = new Committer();
            handler.handleBatch(full, first);
            assertThat(first.processed).as("nothing marked while the full batch may still be in flight").isEmpty();

            Committer second = new Committer();
            handler.handleBatch(caughtUp, second);

            assertThat(second.processed).as("the full batch first, then the one that caught up")
                    .containsExactly(full.get(0), full.get(1), caughtUp.get(0));
            assertThat(second.batchesFinished).isEqualTo(2);
            assertThat(counters.stats().eventsAppended()).isEqualTo(3);
        }
        assertThat(log.readFrom(head + 1, 10)).extracting(e -> e.envelope().source().lsn()).containsExactly(1000L, 1010L, 1020L);
    }

    @Test
    void aFailedAppendInFlightFailsTheNextBatchAndMarksNothing() {
        EventLog broken = new EventLog() {
            @Override
            public int append(List<EventEnvelope> events) {
                throw new EventLogException("cannot append: disk full", null);
            }

            @Override
            public List<LoggedEvent> readFrom(long fromSequence, int max) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long headSequence() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Subscription tail(LongConsumer onAppend) {
                throw new UnsupportedOperationException();
            }
        };
        Committer first = new Committer();
        Committer second = new Committer();

        try (CaptureHandler handler = new CaptureHandler("broken", CATALOG, broken, db.dataSource(), Clock.systemUTC(), 1,
                new CaptureCounters(), () -> { })) {
            assertThatCode(() -> handler.handleBatch(List.of(change("c", "parcel", 2000L, null, row(20, "PACKED"))), first))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> handler.handleBatch(List.of(change("c", "parcel", 2010L, null, row(21, "PACKED"))), second))
                    .isInstanceOf(EventLogException.class).hasMessageContaining("disk full");
        }
        assertThat(first.processed).isEmpty();
        assertThat(second.processed).isEmpty();
    }
}
