package io.cutover.bridge;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cutover.bridge.internal.CatalogReader;
import io.cutover.bridge.internal.EventIds;
import io.cutover.bridge.internal.Json;
import io.cutover.bridge.internal.SchemaCheck;

/**
 * The declarative mapping from row changes to past-tense domain events, read from YAML:
 *
 * <pre>
 * events:
 *   - type: OrderConfirmed          # past tense, see EventTypes
 *     table: shop.orders            # schema.table
 *     operation: update             # insert | update | delete
 *     transition:                   # optional, updates only; all must hold
 *       status: PENDING -> CONFIRMED   # also * -> CONFIRMED, PENDING -> *, null -> X
 *     when:                         # optional, any operation; the row (after image; before for deletes) must hold
 *       kind: ADJUSTED              # all of these values (text compare; the word null for SQL NULL)
 *     version: 1                    # optional, default 1
 *     partition_key: id             # or [tenant, id]; values joined by ':'
 *     correlation: order_ref        # optional column for correlation_id
 *     payload:                      # column: field in data (or a list of columns: same names)
 *       id: order_id
 *       status: status
 * </pre>
 *
 * A broken catalog is refused as a whole with every problem's file, line, field and reason ({@link CatalogException}).
 * Immutable and thread-safe.
 */
public final class EventCatalog {
    private final List<CatalogEntry> entries;
    private final List<CatalogReader.ColumnRef> columns;

    private EventCatalog(List<CatalogEntry> entries, List<CatalogReader.ColumnRef> columns) {
        this.entries = entries;
        this.columns = columns;
    }

    /** Reads a catalog file; problems name this file. */
    public static EventCatalog load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), r);
        } catch (IOException e) {
            throw new CatalogException(List.of(new CatalogException.Problem(file.toString(), 0, "(file)",
                    "cannot read: " + e.getMessage())));
        }
    }

    /** Parses YAML text; {@code fileName} is what problems call the source. */
    public static EventCatalog parse(String fileName, String yaml) {
        return parse(fileName, new StringReader(yaml));
    }

    public static EventCatalog parse(String fileName, Reader yaml) {
        CatalogReader.Result r = CatalogReader.read(fileName, yaml);
        if (!r.problems().isEmpty()) {
            throw new CatalogException(r.problems());
        }
        return new EventCatalog(r.entries(), r.columns());
    }

    public List<CatalogEntry> entries() {
        return entries;
    }

    /** The catalog's tables as {@code schema.table}, in catalog order: exactly what the bridge captures. */
    public Set<String> tables() {
        Set<String> tables = new LinkedHashSet<>();
        entries.forEach(e -> tables.add(e.qualifiedTable()));
        return tables;
    }

    /**
     * Checks every table and column the catalog names against the live schema behind {@code connection}; refuses
     * with file, line, field and the missing table or column.
     */
    public void checkSchema(Connection connection) {
        try {
            List<CatalogException.Problem> problems = SchemaCheck.problems(connection, columns, entries);
            if (!problems.isEmpty()) {
                throw new CatalogException(problems);
            }
        } catch (SQLException e) {
            throw new BridgeException("cannot read the schema to check the event catalog: " + e.getMessage(), e);
        }
    }

    public void checkSchema(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            checkSchema(c);
        } catch (SQLException e) {
            throw new BridgeException("cannot connect to check the event catalog: " + e.getMessage(), e);
        }
    }

    /**
     * The events one row change yields: zero (no entry matches), one or several, in catalog order.
     *
     * @throws MappingException when a matching entry cannot be filled (missing image or column, null partition
     *                          key): the row is malformed for this catalog and belongs in the dead letters
     */
    public List<EventEnvelope> map(RowChange change) {
        List<EventEnvelope> out = new ArrayList<>();
        for (CatalogEntry e : entries) {
            if (!e.operation().equals(change.operation()) || !e.schema().equals(change.source().schema())
                    || !e.table().equals(change.source().table())) {
                continue;
            }
            if (!e.transitions().isEmpty() && change.before() == null) {
                throw new MappingException(e.type() + " (" + e.file() + ":" + e.line() + ") needs the before image of "
                        + e.qualifiedTable() + " but the update carries none: set ALTER TABLE " + e.qualifiedTable()
                        + " REPLICA IDENTITY FULL");
            }
            Map<String, Object> image = e.readsBeforeImage() ? change.before() : change.after();
            if (e.transitions().stream().allMatch(t -> t.matches(change.before(), change.after()))
                    && (image == null || e.holds(image))) { // no image: envelope() reports the malformed row
                out.add(envelope(e, change));
            }
        }
        return out;
    }

    private static EventEnvelope envelope(CatalogEntry e, RowChange change) {
        Map<String, Object> image = e.readsBeforeImage() ? change.before() : change.after();
        String which = e.readsBeforeImage() ? "before" : "after";
        if (image == null) {
            throw new MappingException(e.type() + " (" + e.file() + ":" + e.line() + "): the " + e.operation().catalogName()
                    + " of " + e.qualifiedTable() + " carries no " + which + " image");
        }
        StringJoiner partition = new StringJoiner(":");
        for (String column : e.partitionKey()) {
            Object v = value(e, image, column, which);
            if (v == null) {
                throw new MappingException(e.type() + " (" + e.file() + ":" + e.line() + "): partition key column " + column
                        + " is null in the " + which + " image of " + e.qualifiedTable());
            }
            partition.add(v.toString());
        }
        String correlation = null;
        if (e.correlation() != null) {
            Object v = value(e, image, e.correlation(), which);
            correlation = v == null ? null : v.toString();
        }
        ObjectNode data = Json.MAPPER.createObjectNode();
        e.payload().forEach((column, field) -> data.set(field, Json.node(value(e, image, column, which))));
        EventSource source = change.source();
        UUID id = EventIds.nameBased(source.db(), Long.toString(source.lsn()), Long.toString(source.txId()),
                source.qualifiedTable(), rowKey(change, partition.toString()), e.type());
        return new EventEnvelope(id, e.type(), e.version(), change.committedAt(), source, partition.toString(), correlation,
                "pg-tx:" + source.db() + ":" + source.txId(), data);
    }

    private static Object value(CatalogEntry e, Map<String, Object> image, String column, String which) {
        if (!image.containsKey(column)) {
            throw new MappingException(e.type() + " (" + e.file() + ":" + e.line() + "): column " + column + " is missing from"
                    + " the " + which + " image of " + e.qualifiedTable());
        }
        return image.get(column);
    }

    /** The row's primary key in a stable order; the partition key stands in when the table has none. */
    private static String rowKey(RowChange change, String partitionKey) {
        if (change.key().isEmpty()) {
            return "partition:" + partitionKey;
        }
        return new TreeMap<>(change.key()).toString();
    }

    @Override
    public String toString() {
        return "EventCatalog" + entries.stream().map(CatalogEntry::type).toList();
    }
}
