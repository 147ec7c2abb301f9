package io.cutover.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EventCatalogTest {

    private static final String CATALOG = """
            events:
              - type: ParcelRegistered
                table: depot.parcel
                operation: insert
                partition_key: id
                correlation: ref
                payload:
                  id: parcel_id
                  weight: weight_kg
              - type: ParcelDispatched
                table: depot.parcel
                operation: update
                transition:
                  state: PACKED -> DISPATCHED
                partition_key: id
                payload: [id, state]
              - type: ParcelLost
                version: 2
                table: depot.parcel
                operation: update
                transition:
                  state: "* -> LOST"
                partition_key: id
                payload: [id]
              - type: ParcelTouched
                table: depot.parcel
                operation: update
                partition_key: [depot, id]
                payload: [id]
              - type: ParcelDeleted
                table: depot.parcel
                operation: delete
                partition_key: id
                payload: [id, state]
            """;

    private static final EventCatalog CAT = EventCatalog.parse("depot.yaml", CATALOG);
    private static final Instant COMMIT = Instant.parse("2026-11-24T08:00:00Z");

    private static RowChange change(Operation op, Map<String, Object> before, Map<String, Object> after) {
        return new RowChange(new EventSource("legacy", "depot", "parcel", 1000L, 55L), COMMIT, op, before, after,
                Map.of("id", 7));
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static CatalogException refused(String yaml) {
        try {
            EventCatalog.parse("bad.yaml", yaml);
        } catch (CatalogException e) {
            return e;
        }
        throw new AssertionError("catalog was accepted:\n" + yaml);
    }

    @Test
    void readsEntriesWithTheirPlaceInTheFile() {
        assertThat(CAT.entries()).extracting(CatalogEntry::type).containsExactly("ParcelRegistered", "ParcelDispatched",
                "ParcelLost", "ParcelTouched", "ParcelDeleted");
        CatalogEntry lost = CAT.entries().get(2);
        assertThat(lost.version()).isEqualTo(2);
        assertThat(lost.line()).isEqualTo(17);
        assertThat(lost.file()).isEqualTo("depot.yaml");
        assertThat(lost.transitions()).containsExactly(new Transition("state", "*", "LOST"));
        assertThat(CAT.entries().get(0).payload()).containsExactly(Map.entry("id", "parcel_id"), Map.entry("weight", "weight_kg"));
        assertThat(CAT.entries().get(0).version()).isEqualTo(1);
        assertThat(CAT.tables()).containsExactly("depot.parcel");
    }

    @Test
    void anInsertBecomesOneEventWithOnlyTheNamedFacts() {
        List<EventEnvelope> events = CAT.map(change(Operation.INSERT, null,
                row("id", 7, "depot", "north", "state", "PACKED", "weight", "1.50", "ref", "R-7", "secret", "x")));

        assertThat(events).hasSize(1);
        EventEnvelope e = events.get(0);
        assertThat(e.type()).isEqualTo("ParcelRegistered");
        assertThat(e.partitionKey()).isEqualTo("7");
        assertThat(e.correlationId()).isEqualTo("R-7");
        assertThat(e.causationId()).isEqualTo("pg-tx:legacy:55");
        assertThat(e.occurredAt()).isEqualTo(COMMIT);
        assertThat(e.source()).isEqualTo(new EventSource("legacy", "depot", "parcel", 1000L, 55L));
        assertThat(e.data().toString()).isEqualTo("{\"parcel_id\":7,\"weight_kg\":\"1.50\"}");
    }

    @Test
    void aMatchingTransitionYieldsSeveralEventsFromOneUpdate() {
        List<EventEnvelope> events = CAT.map(change(Operation.UPDATE, row("id", 7, "depot", "north", "state", "PACKED"),
                row("id", 7, "depot", "north", "state", "DISPATCHED")));

        assertThat(events).extracting(EventEnvelope::type).containsExactly("ParcelDispatched", "ParcelTouched");
        assertThat(events.get(1).partitionKey()).isEqualTo("north:7");
        assertThat(events.get(0).data().get("state").asText()).isEqualTo("DISPATCHED");
    }

    @Test
    void aWildcardTransitionMatchesAnyPreviousValueButNeedsAChange() {
        assertThat(CAT.map(change(Operation.UPDATE, row("id", 7, "depot", "n", "state", "DISPATCHED"),
                row("id", 7, "depot", "n", "state", "LOST")))).extracting(EventEnvelope::type)
                .containsExactly("ParcelLost", "ParcelTouched");
        assertThat(CAT.map(change(Operation.UPDATE, row("id", 7, "depot", "n", "state", "LOST"),
                row("id", 7, "depot", "n", "state", "LOST")))).extracting(EventEnvelope::type)
                .containsExactly("ParcelTouched");
    }

    @Test
    void anUpdateOfAnotherTransitionYieldsOnlyTheUnconditionalEvent() {
        assertThat(CAT.map(change(Operation.UPDATE, row("id", 7, "depot", "n", "state", "NEW"),
                row("id", 7, "depot", "n", "state", "PACKED")))).extracting(EventEnvelope::type)
                .containsExactly("ParcelTouched");
    }

    @Test
    void aDeleteReadsTheBeforeImage() {
        List<EventEnvelope> events = CAT.map(change(Operation.DELETE, row("id", 7, "depot", "n", "state", "LOST"), null));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("ParcelDeleted");
            assertThat(e.data().toString()).isEqualTo("{\"id\":7,\"state\":\"LOST\"}");
        });
    }

    @Test
    void tablesOutsideTheCatalogYieldNothing() {
        RowChange other = new RowChange(new EventSource("legacy", "depot", "truck", 1L, 1L), COMMIT, Operation.INSERT, null,
                row("id", 1), Map.of("id", 1));

        assertThat(CAT.map(other)).isEmpty();
    }

    @Test
    void aReReadOfTheSameChangeGetsTheSameIdsAndAnotherChangeOthers() {
        RowChange c = change(Operation.INSERT, null, row("id", 7, "depot", "n", "state", "NEW", "weight", "1", "ref", null));
        RowChange later = new RowChange(new EventSource("legacy", "depot", "parcel", 2000L, 56L), COMMIT, Operation.INSERT,
                null, c.after(), c.key());

        assertThat(CAT.map(c).get(0).eventId()).isEqualTo(CAT.map(c).get(0).eventId());
        assertThat(CAT.map(c).get(0).correlationId()).isNull();
        assertThat(CAT.map(later).get(0).eventId()).isNotEqualTo(CAT.map(c).get(0).eventId());
    }

    @Test
    void aTransitionWithoutBeforeImageIsAMappingFailureNamingTheFix() {
        assertThatThrownBy(() -> CAT.map(change(Operation.UPDATE, null, row("id", 7, "depot", "n", "state", "LOST"))))
                .isInstanceOf(MappingException.class)
                .hasMessage("ParcelDispatched (depot.yaml:10) needs the before image of depot.parcel but the update carries"
                        + " none: set ALTER TABLE depot.parcel REPLICA IDENTITY FULL");
    }

    @Test
    void aNullPartitionKeyIsAMappingFailure() {
        Map<String, Object> after = new HashMap<>(row("id", null, "depot", "n", "weight", "1", "ref", "r"));

        assertThatThrownBy(() -> CAT.map(change(Operation.INSERT, null, after))).isInstanceOf(MappingException.class)
                .hasMessage("ParcelRegistered (depot.yaml:2): partition key column id is null in the after image of depot.parcel");
    }

    @Test
    void aMissingColumnIsAMappingFailure() {
        assertThatThrownBy(() -> CAT.map(change(Operation.INSERT, null, row("id", 7, "ref", "r"))))
                .isInstanceOf(MappingException.class)
                .hasMessage("ParcelRegistered (depot.yaml:2): column weight is missing from the after image of depot.parcel");
    }

    @Test
    void aMissingImageIsAMappingFailure() {
        assertThatThrownBy(() -> CAT.map(change(Operation.DELETE, null, null))).isInstanceOf(MappingException.class)
                .hasMessage("ParcelDeleted (depot.yaml:30): the delete of depot.parcel carries no before image");
    }

    @Test
    void nullMatchesSqlNullInATransition() {
        EventCatalog c = EventCatalog.parse("n.yaml", """
                events:
                  - type: ParcelWeighed
                    table: depot.parcel
                    operation: update
                    transition: {weight: "null -> *"}
                    partition_key: id
                    payload: [id, weight]
                """);
        Map<String, Object> before = new HashMap<>(row("id", 1, "weight", null));

        assertThat(c.map(change(Operation.UPDATE, before, row("id", 1, "weight", "2.00")))).hasSize(1);
        assertThat(c.map(change(Operation.UPDATE, row("id", 1, "weight", "1.00"), row("id", 1, "weight", "2.00")))).isEmpty();
    }

    // ---- refusals: every message names file, line, field and reason

    private static final EventCatalog JOURNAL = EventCatalog.parse("journal.yaml", """
            events:
              - type: StockReceived
                table: depot.movement
                operation: insert
                when: {kind: RECEIVED}
                partition_key: product_id
                payload: [product_id, quantity]
              - type: StockAdjusted
                table: depot.movement
                operation: insert
                when: {kind: ADJUSTED, order_id: null}
                partition_key: product_id
                payload: [product_id, quantity, reason]
              - type: ManualCountCorrected
                table: depot.movement
                operation: insert
                when: {kind: ADJUSTED, manual: true, quantity: -1}
                partition_key: product_id
                payload: [product_id]
              - type: MovementErased
                table: depot.movement
                operation: delete
                when: {kind: RECEIVED}
                partition_key: product_id
                payload: [product_id]
            """);

    private static RowChange movement(Operation op, Map<String, Object> row) {
        return new RowChange(new EventSource("legacy", "depot", "movement", 2000L, 56L), COMMIT, op,
                op == Operation.INSERT ? null : row, op == Operation.INSERT ? row : null, Map.of("id", 1));
    }

    @Test
    void whenPicksRowsOfOneKindOutOfAJournalTable() {
        Map<String, Object> received = row("id", 1, "product_id", 4, "kind", "RECEIVED", "quantity", 10, "reason", null,
                "order_id", null, "manual", false);
        Map<String, Object> adjusted = new HashMap<>(received);
        adjusted.putAll(row("kind", "ADJUSTED", "quantity", -1, "reason", "breakage", "manual", true));
        Map<String, Object> adjustedForAnOrder = new HashMap<>(adjusted);
        adjustedForAnOrder.put("order_id", 9L);

        assertThat(JOURNAL.map(movement(Operation.INSERT, received))).extracting(EventEnvelope::type)
                .containsExactly("StockReceived");
        assertThat(JOURNAL.map(movement(Operation.INSERT, adjusted))).extracting(EventEnvelope::type)
                .as("numbers and booleans compare as text").containsExactly("StockAdjusted", "ManualCountCorrected");
        assertThat(JOURNAL.map(movement(Operation.INSERT, adjustedForAnOrder))).as("null matches only SQL NULL")
                .extracting(EventEnvelope::type).containsExactly("ManualCountCorrected");
        assertThat(JOURNAL.map(movement(Operation.DELETE, received))).as("a delete is tested on its before image")
                .extracting(EventEnvelope::type).containsExactly("MovementErased");
        assertThat(JOURNAL.map(movement(Operation.DELETE, adjusted))).isEmpty();
    }

    @Test
    void refusesBadWhenConditions() {
        CatalogException e = refused("""
                events:
                  - type: StockAdjusted
                    table: depot.movement
                    operation: insert
                    when: [kind]
                    partition_key: id
                    payload: [id]
                  - type: StockMoved
                    table: depot.movement
                    operation: insert
                    when: {kind: {a: b}, "bad col": X, reason: [a]}
                    partition_key: id
                    payload: [id]
                """);

        assertThat(e.problems()).extracting(Object::toString).containsExactly(
                "bad.yaml:5: events[0].when: must be a mapping of column to the value the row must hold, e.g. kind: ADJUSTED;"
                        + " found a list",
                "bad.yaml:11: events[1].when.kind: must be one value (text, number, boolean or the word null), found a mapping",
                "bad.yaml:11: events[1].when.bad col: 'bad col' is not a column name",
                "bad.yaml:11: events[1].when.reason: must be one value (text, number, boolean or the word null), found a list");
    }

    @Test
    void refusesInvalidYamlWithItsLine() {
        CatalogException e = refused("events:\n  - type: [unclosed\n");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("bad.yaml");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.field()).isEqualTo("(file)");
            assertThat(p.reason()).startsWith("not valid YAML");
        });
    }

    @Test
    void refusesADocumentWithoutEvents() {
        assertThat(refused("").problems()).containsExactly(new CatalogException.Problem("bad.yaml", 1, "events",
                "a catalog is a mapping with a list 'events:' of entries"));
        assertThat(refused("events: {}\n").problems()).extracting(CatalogException.Problem::field).containsExactly("events");
        assertThat(refused("events: []\n").problems()).extracting(CatalogException.Problem::reason)
                .containsExactly("the catalog has no entries");
    }

    @Test
    void refusesUnknownFieldsToCatchTypos() {
        CatalogException e = refused("""
                events:
                  - type: ParcelLost
                    table: depot.parcel
                    operation: delete
                    partition_key: id
                    payload: [id]
                    transiton: {state: A -> B}
                extra: 1
                """);

        assertThat(e.problems()).containsExactly(
                new CatalogException.Problem("bad.yaml", 8, "extra", "unknown top-level field; expected only 'events'"),
                new CatalogException.Problem("bad.yaml", 7, "events[0].transiton", "unknown field; expected one of type, table,"
                        + " operation, transition, when, version, partition_key, correlation, payload"));
    }

    @Test
    void refusesDuplicateKeys() {
        CatalogException e = refused("""
                events:
                  - type: ParcelLost
                    type: ParcelFound
                """);

        assertThat(e.problems()).containsExactly(new CatalogException.Problem("bad.yaml", 3, "events[0].type",
                "declared twice (first at line 2)"));
    }

    @Test
    void refusesMissingRequiredFieldsAtTheEntrysLine() {
        CatalogException e = refused("""
                events:
                  - version: 1
                """);

        assertThat(e.problems()).containsExactly(
                new CatalogException.Problem("bad.yaml", 2, "events[0].type", "missing"),
                new CatalogException.Problem("bad.yaml", 2, "events[0].table", "missing"),
                new CatalogException.Problem("bad.yaml", 2, "events[0].operation", "missing"),
                new CatalogException.Problem("bad.yaml", 2, "events[0].partition_key", "missing; name the column(s) of the aggregate id"),
                new CatalogException.Problem("bad.yaml", 2, "events[0].payload",
                        "missing; list the columns (ids and changed facts) the event carries"));
    }

    @Test
    void refusesBadValuesOneByOne() {
        CatalogException e = refused("""
                events:
                  - type: ConfirmOrder
                    table: orders
                    operation: upsert
                    version: 0
                    partition_key: {a: b}
                    correlation: "bad col"
                    payload: [id, 3]
                  - "just text"
                  - type: [x]
                    table: a.b
                    operation: insert
                    partition_key: [id, 4]
                    payload: {id: x, id2: x, col: "bad-name", other: [1]}
                """);

        assertThat(e.problems()).extracting(Object::toString).containsExactly(
                "bad.yaml:2: events[0].type: event type 'ConfirmOrder' must be past tense: its last word 'Order' must end in"
                        + " -ed or be an irregular past participle (Sent, Paid, Sold...)",
                "bad.yaml:3: events[0].table: 'orders' is not schema.table (schema-qualified, e.g. public.orders)",
                "bad.yaml:4: events[0].operation: 'upsert' is not one of insert, update, delete",
                "bad.yaml:5: events[0].version: must be a whole number >= 1, found a number '0'",
                "bad.yaml:6: events[0].partition_key: must be a column name or a list of them, found a mapping",
                "bad.yaml:7: events[0].correlation: 'bad col' is not a column name",
                "bad.yaml:8: events[0].payload[1]: must be a column name, found a number",
                "bad.yaml:9: events[1]: an entry must be a mapping, found a text",
                "bad.yaml:10: events[2].type: must be a text, found a list",
                "bad.yaml:13: events[2].partition_key[1]: must be a column name, found a number",
                "bad.yaml:14: events[2].payload.other: must be the field name in the event's data, found a list",
                "bad.yaml:14: events[2].payload.id2: field 'x' is already filled from column id",
                "bad.yaml:14: events[2].payload.col: 'bad-name' is not a field name ([A-Za-z_][A-Za-z0-9_]*)");
        assertThat(e.getMessage()).startsWith("event catalog refused (13 problems):\n  bad.yaml:2: events[0].type:");
    }

    @Test
    void refusesBadTransitions() {
        CatalogException e = refused("""
                events:
                  - type: ParcelLost
                    table: depot.parcel
                    operation: insert
                    transition:
                      state: LOST
                      kind: A -> A
                      other: "* -> *"
                    partition_key: id
                    payload: [id]
                  - type: ParcelFound
                    table: depot.parcel
                    operation: update
                    transition: "A -> B"
                    partition_key: id
                    payload: [id]
                """);

        assertThat(e.problems()).extracting(Object::toString).containsExactly(
                "bad.yaml:5: events[0].transition: a transition needs before and after images: operation must be update, not insert",
                "bad.yaml:6: events[0].transition.state: must be 'FROM -> TO' (a value, * for any, or null), e.g. PENDING -> CONFIRMED",
                "bad.yaml:7: events[0].transition.kind: 'A -> A' is no transition: FROM and TO are the same",
                "bad.yaml:8: events[0].transition.other: '* -> *' matches any change; name at least one side",
                "bad.yaml:14: events[1].transition: must be a mapping of column to 'FROM -> TO', e.g. status: PENDING -> CONFIRMED;"
                        + " found a text");
    }

    @Test
    void refusesDuplicateEntries() {
        String entry = """
                  - type: ParcelLost
                    table: depot.parcel
                    operation: delete
                    partition_key: id
                    payload: [id]
                """;
        CatalogException e = refused("events:\n" + entry + entry);

        assertThat(e.problems()).extracting(Object::toString).containsExactly(
                "bad.yaml:7: events[1]: duplicate of the entry at line 2 (same table, operation, transition and type)");
    }

    @Test
    void refusesAnUnreadableFileNamingIt() {
        assertThatThrownBy(() -> EventCatalog.load(java.nio.file.Path.of("/nonexistent/catalog.yaml")))
                .isInstanceOf(CatalogException.class).hasMessageContaining("/nonexistent/catalog.yaml:0: (file): cannot read");
    }
}
