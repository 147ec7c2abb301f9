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
 * @param when         column -> value the read image must hold (compared as text, {@code null} for SQL NULL); all
 *                     must hold; empty: no condition. Picks e.g. one kind of row out of a journal table on insert
 * @param version      the event type's version, >= 1
 * @param partitionKey column(s) whose values form {@link EventEnvelope#partitionKey()}, joined by {@code :}
 * @param correlation  optional column for {@link EventEnvelope#correlationId()}, null when none
 * @param payload      column -> field name in {@link EventEnvelope#data()}, in catalog order
 * @param file         the catalog file it came from
 * @param line         its line in that file
 */
public record CatalogEntry(String type, String schema, String table, Operation operation, List<Transition> transitions,
        Map<String, String> when, int version, List<String> partitionKey, String correlation, Map<String, String> payload, String file, int line) {

    public CatalogEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(operation, "operation");
        transitions = List.copyOf(transitions);
        when = when == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(when));
        partitionKey = List.copyOf(partitionKey);
        payload = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(payload));
    }

    public String qualifiedTable() {
        return schema + "." + table;
    }

    /** True when {@code image} (the one {@link #readsBeforeImage()} names) holds every {@link #when} condition. */
    public boolean holds(Map<String, Object> image) {
        for (Map.Entry<String, String> c : when.entrySet()) {
            if (image == null || !image.containsKey(c.getKey())) {
                return false;
            }
            Object v = image.get(c.getKey());
            boolean ok = Transition.NULL.equals(c.getValue()) ? v == null : v != null && c.getValue().equals(v.toString());
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Which image the payload and keys are read from: the old row for deletes, the new one otherwise. */
    public boolean readsBeforeImage() {
        return operation == Operation.DELETE;
    }
}
