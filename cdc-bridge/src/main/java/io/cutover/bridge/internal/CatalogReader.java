package io.cutover.bridge.internal;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cutover.bridge.CatalogEntry;
import io.cutover.bridge.CatalogException.Problem;
import io.cutover.bridge.EventTypes;
import io.cutover.bridge.Operation;
import io.cutover.bridge.Transition;
import io.cutover.bridge.yaml.YamlException;
import io.cutover.bridge.yaml.YamlNode;

/**
 * Turns a catalog file into entries, collecting every problem (file, line, field, reason) instead of stopping at the
 * first one. See {@code io.cutover.bridge.EventCatalog} for the format.
 */
public final class CatalogReader {
    static final List<String> ENTRY_FIELDS = List.of("type", "table", "operation", "transition", "when", "version",
            "partition_key", "correlation", "payload");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final Pattern TRANSITION = Pattern.compile("\\s*(\\S+)\\s*->\\s*(\\S+)\\s*");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A column the entry at {@code entry} uses, with where it is written: checked against the live schema. */
    public record ColumnRef(CatalogEntry entry, String column, int line, String field) {
    }

    /** Entries and column references, or problems. */
    public record Result(List<CatalogEntry> entries, List<ColumnRef> columns, List<Problem> problems) {
    }

    private final String file;
    private final List<Problem> problems = new ArrayList<>();
    private final List<ColumnRef> columns = new ArrayList<>();

    private CatalogReader(String file) {
        this.file = file;
    }

    public static Result read(String file, Reader yaml) {
        return new CatalogReader(file).readAll(yaml);
    }

    private Result readAll(Reader yaml) {
        YamlNode top;
        try {
            top = YamlNode.parse(file, yaml);
        } catch (YamlException e) {
            problems.add(new Problem(file, e.line(), e.field().isEmpty() ? "(file)" : e.field(), e.reason()));
            return result(List.of());
        }
        YamlNode events = top.get("events");
        if (events == null || !events.isList()) {
            problems.add(new Problem(file, top.line(), "events", "a catalog is a mapping with a list 'events:' of entries"));
            return result(List.of());
        }
        for (Map.Entry<String, YamlNode> field : top.fields().entrySet()) {
            if (!field.getKey().equals("events")) {
                problems.add(new Problem(file, field.getValue().line(), field.getKey(),
                        "unknown top-level field; expected only 'events'"));
            }
        }
        if (events.items().isEmpty()) {
            problems.add(new Problem(file, events.line(), "events", "the catalog has no entries"));
        }
        List<CatalogEntry> entries = new ArrayList<>();
        Map<String, CatalogEntry> seen = new HashMap<>();
        for (int i = 0; i < events.items().size(); i++) {
            CatalogEntry e = entry("events[" + i + "]", events.items().get(i));
            if (e == null) {
                continue;
            }
            String identity = e.qualifiedTable() + "|" + e.operation() + "|" + e.type() + "|" + e.transitions() + "|" + e.when();
            CatalogEntry twin = seen.putIfAbsent(identity, e);
            if (twin != null) {
                problems.add(new Problem(file, e.line(), "events[" + i + "]", "duplicate of the entry at line " + twin.line()
                        + " (same table, operation, transition and type)"));
                continue;
            }
            entries.add(e);
        }
        return result(entries);
    }

    private Result result(List<CatalogEntry> entries) {
        return new Result(problems.isEmpty() ? List.copyOf(entries) : List.of(), List.copyOf(columns), List.copyOf(problems));
    }

    /** One entry, or null when it has problems (they are recorded). */
    private CatalogEntry entry(String path, YamlNode m) {
        if (!m.isMapping()) {
            problems.add(new Problem(file, m.line(), path, "an entry must be a mapping, found " + m.kind()));
            return null;
        }
        int before = problems.size();
        pendingRefs.clear();
        for (Map.Entry<String, YamlNode> field : m.fields().entrySet()) {
            if (!ENTRY_FIELDS.contains(field.getKey())) {
                problems.add(new Problem(file, field.getValue().line(), path + "." + field.getKey(),
                        "unknown field; expected one of " + String.join(", ", ENTRY_FIELDS)));
            }
        }
        String type = text(m, path, "type", true);
        if (type != null) {
            String why = EventTypes.problem(type);
            if (why != null) {
                problems.add(new Problem(file, line(m, "type"), path + ".type", why));
            }
        }
        String schema = null;
        String table = null;
        String qualified = text(m, path, "table", true);
        if (qualified != null) {
            String[] parts = qualified.split("\\.", -1);
            if (parts.length != 2 || !IDENTIFIER.matcher(parts[0]).matches() || !IDENTIFIER.matcher(parts[1]).matches()) {
                problems.add(new Problem(file, line(m, "table"), path + ".table",
                        "'" + qualified + "' is not schema.table (schema-qualified, e.g. public.orders)"));
            } else {
                schema = parts[0];
                table = parts[1];
            }
        }
        Operation operation = operation(m, path);
        List<Transition> transitions = transitions(m, path, operation);
        Map<String, String> when = when(m, path);
        int version = version(m, path);
        List<String> partitionKey = partitionKey(m, path);
        String correlation = text(m, path, "correlation", false);
        if (correlation != null) {
            column(correlation, line(m, "correlation"), path + ".correlation");
        }
        Map<String, String> payload = payload(m, path);
        if (problems.size() > before) {
            return null;
        }
        CatalogEntry e = new CatalogEntry(type, schema, table, operation, transitions, when, version, partitionKey, correlation,
                payload, file, m.line());
        // every column the entry touches, for the live-schema check
        pendingRefs.forEach(r -> columns.add(new ColumnRef(e, r.column, r.line, r.field)));
        pendingRefs.clear();
        return e;
    }

    private record PendingRef(String column, int line, String field) {
    }

    private final List<PendingRef> pendingRefs = new ArrayList<>();

    private void column(String column, int line, String field) {
        if (identifier(column, line, field)) {
            pendingRefs.add(new PendingRef(column, line, field));
        }
    }

    private boolean identifier(String column, int line, String field) {
        if (!IDENTIFIER.matcher(column).matches()) {
            problems.add(new Problem(file, line, field, "'" + column + "' is not a column name"));
            return false;
        }
        return true;
    }

    private Operation operation(YamlNode m, String path) {
        String op = text(m, path, "operation", true);
        if (op == null) {
            return null;
        }
        try {
            return Operation.valueOf(op.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(file, line(m, "operation"), path + ".operation",
                    "'" + op + "' is not one of insert, update, delete"));
            return null;
        }
    }

    private List<Transition> transitions(YamlNode m, String path, Operation operation) {
        YamlNode node = m.get("transition");
        if (node == null) {
            return List.of();
        }
        String field = path + ".transition";
        if (!node.isMapping() || node.fields().isEmpty()) {
            problems.add(new Problem(file, node.line(), field,
                    "must be a mapping of column to 'FROM -> TO', e.g. status: PENDING -> CONFIRMED; found " + node.kind()));
            return List.of();
        }
        if (operation != null && operation != Operation.UPDATE) {
            problems.add(new Problem(file, node.line(), field, "a transition needs before and after images: operation must be"
                    + " update, not " + operation.catalogName()));
        }
        List<Transition> out = new ArrayList<>();
        for (Map.Entry<String, YamlNode> e : node.fields().entrySet()) {
            String colField = field + "." + e.getKey();
            column(e.getKey(), e.getValue().line(), colField);
            Matcher x = e.getValue().isText() ? TRANSITION.matcher(e.getValue().text()) : null;
            if (x == null || !x.matches()) {
                problems.add(new Problem(file, e.getValue().line(), colField,
                        "must be 'FROM -> TO' (a value, * for any, or null), e.g. PENDING -> CONFIRMED"));
            } else if (x.group(1).equals(x.group(2)) && !x.group(1).equals(Transition.ANY)) {
                problems.add(new Problem(file, e.getValue().line(), colField,
                        "'" + x.group(1) + " -> " + x.group(2) + "' is no transition: FROM and TO are the same"));
            } else if (x.group(1).equals(Transition.ANY) && x.group(2).equals(Transition.ANY)) {
                problems.add(new Problem(file, e.getValue().line(), colField,
                        "'* -> *' matches any change; name at least one side"));
            } else {
                out.add(new Transition(e.getKey(), x.group(1), x.group(2)));
            }
        }
        return out;
    }

    /** {@code when: {kind: ADJUSTED, reason: null}}: column -> value (text, number or boolean; YAML null for SQL NULL). */
    private Map<String, String> when(YamlNode m, String path) {
        YamlNode node = m.get("when");
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        String field = path + ".when";
        if (!node.isMapping() || node.fields().isEmpty()) {
            problems.add(new Problem(file, node.line(), field,
                    "must be a mapping of column to the value the row must hold, e.g. kind: ADJUSTED; found " + node.kind()));
            return out;
        }
        for (Map.Entry<String, YamlNode> e : node.fields().entrySet()) {
            String colField = field + "." + e.getKey();
            YamlNode value = e.getValue();
            column(e.getKey(), value.line(), colField);
            if (value.isNull()) {
                out.put(e.getKey(), Transition.NULL); // YAML null (null, ~ or nothing): SQL NULL
            } else if (value.text() != null && !value.text().isBlank()) {
                out.put(e.getKey(), value.text().trim());
            } else {
                problems.add(new Problem(file, value.line(), colField, "must be one value (text, number, boolean or"
                        + " the word null), found " + value.describe()));
            }
        }
        return out;
    }

    private int version(YamlNode m, String path) {
        YamlNode node = m.get("version");
        if (node == null) {
            return 1;
        }
        if (node.json().isIntegralNumber() && node.json().canConvertToInt() && node.json().intValue() >= 1) {
            return node.json().intValue();
        }
        problems.add(new Problem(file, node.line(), path + ".version", "must be a whole number >= 1, found "
                + node.describe()));
        return 1;
    }

    private List<String> partitionKey(YamlNode m, String path) {
        YamlNode node = m.get("partition_key");
        String field = path + ".partition_key";
        if (node == null) {
            problems.add(new Problem(file, m.line(), field, "missing; name the column(s) of the aggregate id"));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (node.isText()) {
            out.add(node.text());
            column(node.text(), node.line(), field);
        } else if (node.isList() && !node.items().isEmpty()) {
            for (int i = 0; i < node.items().size(); i++) {
                YamlNode item = node.items().get(i);
                if (item.isText()) {
                    out.add(item.text());
                    column(item.text(), item.line(), field + "[" + i + "]");
                } else {
                    problems.add(new Problem(file, item.line(), field + "[" + i + "]", "must be a column name, found " + item.kind()));
                }
            }
        } else {
            problems.add(new Problem(file, node.line(), field, "must be a column name or a list of them, found " + node.describe()));
        }
        return out;
    }

    private record PayloadItem(String column, String field, int line, String path) {
    }

    /** {@code payload: {column: field}} or {@code payload: [column, ...]} (field named like the column). */
    private Map<String, String> payload(YamlNode m, String path) {
        YamlNode node = m.get("payload");
        String field = path + ".payload";
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> fieldToColumn = new HashMap<>();
        if (node == null) {
            problems.add(new Problem(file, m.line(), field, "missing; list the columns (ids and changed facts) the event carries"));
            return out;
        }
        List<PayloadItem> pairs = new ArrayList<>();
        if (node.isMapping() && !node.fields().isEmpty()) {
            for (Map.Entry<String, YamlNode> e : node.fields().entrySet()) {
                String colField = field + "." + e.getKey();
                if (e.getValue().isText()) {
                    pairs.add(new PayloadItem(e.getKey(), e.getValue().text(), e.getValue().line(), colField));
                } else {
                    problems.add(new Problem(file, e.getValue().line(), colField, "must be the field name in the event's data, found "
                            + e.getValue().kind()));
                }
            }
        } else if (node.isList() && !node.items().isEmpty()) {
            for (int i = 0; i < node.items().size(); i++) {
                YamlNode item = node.items().get(i);
                if (item.isText()) {
                    pairs.add(new PayloadItem(item.text(), item.text(), item.line(), field + "[" + i + "]"));
                } else {
                    problems.add(new Problem(file, item.line(), field + "[" + i + "]", "must be a column name, found " + item.kind()));
                }
            }
        } else {
            problems.add(new Problem(file, node.line(), field,
                    "must be a mapping column: field or a list of columns, and not empty; found " + node.describe()));
        }
        for (PayloadItem p : pairs) {
            String column = p.column();
            String name = p.field();
            int line = p.line();
            String where = p.path();
            column(column, line, where);
            if (!FIELD.matcher(name).matches()) {
                problems.add(new Problem(file, line, where, "'" + name + "' is not a field name ([A-Za-z_][A-Za-z0-9_]*)"));
            } else if (fieldToColumn.putIfAbsent(name, column) != null) {
                problems.add(new Problem(file, line, where, "field '" + name + "' is already filled from column "
                        + fieldToColumn.get(name)));
            } else {
                out.put(column, name);
            }
        }
        return out;
    }

    private String text(YamlNode m, String path, String key, boolean required) {
        YamlNode node = m.get(key);
        if (node == null) {
            if (required) {
                problems.add(new Problem(file, m.line(), path + "." + key, "missing"));
            }
            return null;
        }
        if (node.isText() && !node.text().isBlank()) {
            return node.text().trim();
        }
        problems.add(new Problem(file, node.line(), path + "." + key, "must be a text, found "
                + (node.isText() ? "a blank text" : node.describe())));
        return null;
    }

    private static int line(YamlNode m, String key) {
        return m.get(key).line();
    }
}
