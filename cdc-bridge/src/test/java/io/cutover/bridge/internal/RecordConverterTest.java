package io.cutover.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.cutover.bridge.EventSource;
import io.cutover.bridge.MappingException;
import io.cutover.bridge.Operation;
import io.cutover.bridge.RowChange;

class RecordConverterTest {

    private static final Schema ROW = SchemaBuilder.struct().optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .field("packed_at", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build())
            .field("due", SchemaBuilder.int32().name("io.debezium.time.Date").optional().build())
            .field("slot", SchemaBuilder.int64().name("io.debezium.time.MicroTime").optional().build())
            .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
            .build();
    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final Schema SOURCE = SchemaBuilder.struct()
            .field("db", Schema.STRING_SCHEMA).field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA).field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA).field("ts_us", Schema.OPTIONAL_INT64_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("legacy.depot.parcel.Envelope")
            .field("before", ROW).field("after", ROW).field("source", SOURCE).field("op", Schema.STRING_SCHEMA).build();

    private static Struct row(long id, String note) {
        return new Struct(ROW).put("id", id).put("note", note).put("packed_at", 1_795_500_930_123_456L).put("due", 20_000)
                .put("slot", 3_723_000_001L).put("blob", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    }

    private static SourceRecord record(String op, Struct before, Struct after, Long lsn) {
        Struct source = new Struct(SOURCE).put("db", "legacy").put("schema", "depot").put("table", "parcel").put("lsn", lsn)
                .put("txId", 77L).put("ts_ms", 1_795_500_930_123L).put("ts_us", 1_795_500_930_123_456L);
        Struct value = new Struct(ENVELOPE).put("before", before).put("after", after).put("source", source).put("op", op);
        return new SourceRecord(Map.of("server", "x"), Map.of("lsn", 1L), "x.depot.parcel", null, KEY,
                new Struct(KEY).put("id", 7L), ENVELOPE, value);
    }

    @Test
    void turnsAnUpdateIntoARowChangeWithPlainValues() {
        RowChange c = RecordConverter.toRowChange(record("u", row(7, "old"), row(7, "new"), 123L));

        assertThat(c.operation()).isEqualTo(Operation.UPDATE);
        assertThat(c.source()).isEqualTo(new EventSource("legacy", "depot", "parcel", 123L, 77L));
        assertThat(c.committedAt()).isEqualTo(Instant.parse("2026-11-24T06:15:30.123456Z"));
        assertThat(c.key()).isEqualTo(Map.of("id", 7L));
        assertThat(c.before()).containsEntry("note", "old");
        assertThat(c.after()).containsEntry("note", "new")
                .containsEntry("packed_at", "2026-11-24T06:15:30.123456")
                .containsEntry("due", "2024-10-04")
                .containsEntry("slot", "01:02:03.000001")
                .containsEntry("blob", "AQID");
    }

    @Test
    void mapsInsertsAndDeletesAndIgnoresSnapshotReadsAndTombstones() {
        assertThat(RecordConverter.toRowChange(record("c", null, row(1, "a"), 1L)).operation()).isEqualTo(Operation.INSERT);
        assertThat(RecordConverter.toRowChange(record("d", row(1, "a"), null, 1L)).operation()).isEqualTo(Operation.DELETE);
        assertThat(RecordConverter.toRowChange(record("r", null, row(1, "a"), 1L))).isNull();
        assertThat(RecordConverter.toRowChange(new SourceRecord(Map.of(), Map.of(), "x.depot.parcel", null, null, null, null)))
                .isNull();
    }

    @Test
    void fillsAnUnchangedToastedValueFromTheBeforeImage() {
        RowChange c = RecordConverter.toRowChange(record("u", row(7, "long text"), row(7, RecordConverter.UNAVAILABLE), 5L));

        assertThat(c.after()).containsEntry("note", "long text");
    }

    @Test
    void recognisesHeartbeats() {
        SourceRecord beat = new SourceRecord(Map.of(), Map.of(), "__debezium-heartbeat.shop", null, null, null, null);

        assertThat(RecordConverter.isHeartbeat(beat)).isTrue();
        assertThat(RecordConverter.toRowChange(beat)).isNull();
    }

    @Test
    void refusesMalformedChangeEvents() {
        assertThatThrownBy(() -> RecordConverter.toRowChange(record("c", null, row(1, "a"), null)))
                .isInstanceOf(MappingException.class).hasMessage("change event without lsn/txId in its source: topic x.depot.parcel");
        Schema odd = SchemaBuilder.struct().field("x", Schema.STRING_SCHEMA).build();
        SourceRecord notAChange = new SourceRecord(Map.of(), Map.of(), "x.odd", null, null, null, odd, new Struct(odd).put("x", "y"));
        assertThatThrownBy(() -> RecordConverter.toRowChange(notAChange)).isInstanceOf(MappingException.class)
                .hasMessage("not a Debezium change event (no op/source): topic x.odd");
    }
}
