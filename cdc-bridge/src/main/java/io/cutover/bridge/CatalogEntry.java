package io.cutover.bridge;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One event of the catalog: which row change of which table (and, for updates, which transitions) yields it, and
 * how its envelope is filled.
 *
 * @param type         the event type, past tense ({@link EventTypes#isPastTense(String)})
 * @param schema       the table's schema
 * @param table        the table
 * @param operation    insert, update or delete
 * @param transitions  for updates: all must hold (empty: every update)
 * @param version      the event type's version, >= 1
 * @param partitionKey column(s) whose values form {@link EventEnvelope#partitionKey()}, joined by {@code :}
 * @param correlation  optional column for {@link EventEnvelope#correlationId()}, null when none
 * @param payload      column -> field name in {@link EventEnvelope#data()}, in catalog order
 * @param file         the catalog file it came from
 * @param line         its line in that file
 */
public record CatalogEntry(String type, String schema, String table, Operation operation, List<Transition> transitions,
        int version, List<String> partitionKey, String correlation, Map<String, String> payload, String file, int line) {

    public CatalogEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(operation, "operation");
        transitions = List.copyOf(transitions);
        partitionKey = List.copyOf(partitionKey);
        payload = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(payload));
    }

    public String qualifiedTable() {
        return schema + "." + table;
    }

    /** Which image the payload and keys are read from: the old row for deletes, the new one otherwise. */
    public boolean readsBeforeImage() {
        return operation == Operation.DELETE;
    }
}
