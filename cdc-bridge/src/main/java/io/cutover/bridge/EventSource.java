package io.cutover.bridge;

import java.util.Objects;

/**
 * Where an event came from: the row change's database, schema and table, its WAL position ({@code lsn}) and the
 * id of the legacy transaction that committed it.
 */
public record EventSource(String db, String schema, String table, long lsn, long txId) {
    public EventSource {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /** {@code schema.table}, as the catalog names it. */
    public String qualifiedTable() {
        return schema + "." + table;
    }
}
