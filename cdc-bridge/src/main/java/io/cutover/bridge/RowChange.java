package io.cutover.bridge;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One captured row change, as the catalog sees it: plain Java values (String, Long, Integer, Boolean, ...; numerics
 * as decimal strings, timestamps as ISO-8601 strings).
 *
 * @param source    table, WAL position and transaction
 * @param committedAt commit time of the transaction
 * @param operation insert, update or delete
 * @param before    the old row (updates and deletes; null when the table lacks REPLICA IDENTITY FULL for updates)
 * @param after     the new row (inserts and updates), null for deletes
 * @param key       the primary key columns and values, empty when the table has none
 */
public record RowChange(EventSource source, Instant committedAt, Operation operation, Map<String, Object> before,
        Map<String, Object> after, Map<String, Object> key) {

    public RowChange {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(committedAt, "committedAt");
        Objects.requireNonNull(operation, "operation");
        before = copy(before);
        after = copy(after);
        key = key == null ? Map.of() : copy(key);
    }

    private static Map<String, Object> copy(Map<String, Object> m) {
        return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m)); // values may be null
    }
}
