package io.cutover.bridge.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import io.cutover.bridge.EventSource;
import io.cutover.bridge.MappingException;
import io.cutover.bridge.Operation;
import io.cutover.bridge.RowChange;

/**
 * Debezium's Connect records to {@link RowChange}s with plain values: temporal types become ISO-8601 text (Debezium
 * sends {@code timestamp} as epoch micros, {@code date} as epoch days), numerics arrive as text already
 * ({@code decimal.handling.mode=string}), bytes become base64.
 */
public final class RecordConverter {
    /** Debezium's stand-in for an unchanged TOASTed value it did not receive. */
    static final String UNAVAILABLE = "__debezium_unavailable_value";

    private RecordConverter() {
    }

    /** True for Debezium's heartbeat records (they carry offsets but no row). */
    public static boolean isHeartbeat(SourceRecord r) {
        return r.topic() != null && r.topic().startsWith("__debezium-heartbeat");
    }

    /**
     * The row change, or null when the record is no insert/update/delete of a row (tombstone, snapshot read, truncate,
     * heartbeat).
     *
     * @throws MappingException when the record is not a well-formed Debezium change event
     */
    public static RowChange toRowChange(SourceRecord r) {
        if (isHeartbeat(r) || !(r.value() instanceof Struct value)) {
            return null;
        }
        if (value.schema().field("op") == null || value.schema().field("source") == null) {
            throw new MappingException("not a Debezium change event (no op/source): topic " + r.topic());
        }
        String op = value.getString("op");
        Operation operation = switch (op == null ? "" : op) {
            case "c" -> Operation.INSERT;
            case "u" -> Operation.UPDATE;
            case "d" -> Operation.DELETE;
            default -> null; // r (snapshot read), t (truncate), m (message): no row change to map
        };
        if (operation == null) {
            return null;
        }
        Struct source = value.getStruct("source");
        Long lsn = (Long) source.get("lsn");
        Long txId = (Long) source.get("txId");
        if (lsn == null || txId == null) {
            throw new MappingException("change event without lsn/txId in its source: topic " + r.topic());
        }
        EventSource es = new EventSource(source.getString("db"), source.getString("schema"), source.getString("table"), lsn, txId);
        Map<String, Object> before = row(value.getStruct("before"));
        Map<String, Object> after = row(value.getStruct("after"));
        if (before != null && after != null) {
            after.replaceAll((k, v) -> UNAVAILABLE.equals(v) && before.containsKey(k) ? before.get(k) : v);
        }
        Map<String, Object> key = r.key() instanceof Struct k ? row(k) : Map.of();
        return new RowChange(es, commitTime(source), operation, before, after, key);
    }

    private static Instant commitTime(Struct source) {
        Object micros = source.schema().field("ts_us") != null ? source.get("ts_us") : null;
        if (micros instanceof Long us) {
            return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
        }
        return Instant.ofEpochMilli(source.getInt64("ts_ms"));
    }

    private static Map<String, Object> row(Struct s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field f : s.schema().fields()) {
            m.put(f.name(), plain(f.schema(), s.get(f)));
        }
        return m;
    }

    static Object plain(Schema schema, Object v) {
        if (v == null) {
            return null;
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case "io.debezium.time.MicroTimestamp":
                    return LocalDateTime.ofEpochSecond(Math.floorDiv((Long) v, 1_000_000L),
                            (int) Math.floorMod((Long) v, 1_000_000L) * 1000, ZoneOffset.UTC).toString();
                case "io.debezium.time.NanoTimestamp":
                    return LocalDateTime.ofEpochSecond(Math.floorDiv((Long) v, 1_000_000_000L),
                            (int) Math.floorMod((Long) v, 1_000_000_000L), ZoneOffset.UTC).toString();
                case "io.debezium.time.Timestamp":
                    return LocalDateTime.ofInstant(Instant.ofEpochMilli((Long) v), ZoneOffset.UTC).toString();
                case "io.debezium.time.Date":
                    return LocalDate.ofEpochDay((Integer) v).toString();
                case "io.debezium.time.MicroTime":
                    return LocalTime.ofNanoOfDay((Long) v * 1000L).toString();
                case "io.debezium.time.Time":
                    return LocalTime.ofNanoOfDay((Integer) v * 1_000_000L).toString();
                default:
                    break;
            }
        }
        if (v instanceof Struct st) {
            return row(st);
        }
        if (v instanceof ByteBuffer b) {
            ByteBuffer d = b.duplicate();
            byte[] bytes = new byte[d.remaining()];
            d.get(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (v instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (v instanceof List<?> list) {
            return list.stream().map(x -> plain(schema.valueSchema(), x)).toList();
        }
        return v;
    }
}
