package io.cutover.consumers.compare.internal;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.cutover.consumers.compare.ComparatorConfig;
import io.cutover.consumers.compare.ComparisonException;
import io.cutover.consumers.compare.FlowRules;
import io.cutover.consumers.compare.spi.Normaliser;

/**
 * Reads the comparator's YAML. The tree is built by hand from the parser's tokens so that every field keeps its line:
 * a refused file says {@code file:line: field: reason}.
 */
public final class ConfigReader {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Set<String> TOP_KEYS = Set.of("keep-unpaired-for", "batch-size", "defaults", "flows");
    private static final Set<String> RULE_KEYS = Set.of("lag-window", "ignore", "normalise");
    private static final List<String> NORMALISERS =
            List.of("trim", "lowercase", "round", "tolerance", "sort", "missing-as-null");

    private final String source;
    private final Map<String, Integer> lines = new HashMap<>();

    private ConfigReader(String source) {
        this.source = source;
    }

    public static ComparatorConfig read(String source, Reader yaml) {
        ConfigReader reader = new ConfigReader(source);
        JsonNode root;
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            root = first == null ? NODES.objectNode() : reader.value(parser, "");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            // SnakeYAML quotes the offending lines with carets; the file and line are enough in one line of text
            String reason = String.valueOf(e.getOriginalMessage())
                    .replaceAll("\\s*in '[^']*', line \\d+, column \\d+:\\n[^\\n]*\\n[^\\n]*\\^", "")
                    .replaceAll("\\s+", " ").trim();
            throw new ComparisonException(source + ":" + line + ": not valid YAML: " + reason, e);
        } catch (IOException e) {
            throw new ComparisonException(source + ": cannot read the comparator configuration: " + e.getMessage(), e);
        }
        return reader.config(root);
    }

    // ---- tree with lines

    private JsonNode value(JsonParser parser, String path) throws IOException {
        lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    int line = parser.currentTokenLocation().getLineNr();
                    if (object.has(name)) {
                        throw error(line, child, "declared twice");
                    }
                    lines.put(child, line);
                    parser.nextToken();
                    object.set(name, value(parser, child));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser, path + "[" + index++ + "]"));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            default:
                return NODES.nullNode();
        }
    }

    // ---- validation

    private ComparatorConfig config(JsonNode root) {
        ObjectNode top = object(root, "");
        known(top, "", TOP_KEYS);
        ComparatorConfig.Builder config = ComparatorConfig.custom();
        ObjectNode defaults = top.has("defaults") ? object(top.get("defaults"), "defaults") : NODES.objectNode();
        known(defaults, "defaults", RULE_KEYS);
        FlowRules.Builder defaultRules = FlowRules.custom();
        Duration defaultWindow = FlowRules.DEFAULT_LAG_WINDOW;
        if (defaults.has("lag-window")) {
            defaultWindow = duration(defaults.get("lag-window"), "defaults.lag-window");
        }
        rules(defaultRules, defaultWindow, defaults, "defaults");
        config.defaults(defaultRules.build());
        if (top.has("flows")) {
            ObjectNode flows = object(top.get("flows"), "flows");
            for (Iterator<Map.Entry<String, JsonNode>> it = flows.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> flow = it.next();
                String path = "flows." + flow.getKey();
                ObjectNode declared = flow.getValue().isNull() ? NODES.objectNode() : object(flow.getValue(), path);
                known(declared, path, RULE_KEYS);
                FlowRules.Builder rules = FlowRules.custom();
                // the defaults' normalisers come first, then the flow's own
                rules(rules, defaultWindow, defaults, "defaults");
                Duration window = declared.has("lag-window")
                        ? duration(declared.get("lag-window"), path + ".lag-window") : defaultWindow;
                rules(rules, window, declared, path);
                if (flow.getKey().isBlank()) {
                    throw error(path, "a flow name must not be blank");
                }
                config.flow(flow.getKey(), rules.build());
            }
        }
        if (top.has("batch-size")) {
            JsonNode size = top.get("batch-size");
            if (!size.isIntegralNumber() || !size.canConvertToInt()) {
                throw error("batch-size", "must be a whole number, was " + size);
            }
            attempt("batch-size", () -> config.batchSize(size.intValue()));
        }
        if (top.has("keep-unpaired-for")) {
            Duration keep = duration(top.get("keep-unpaired-for"), "keep-unpaired-for");
            attempt("keep-unpaired-for", () -> config.keepUnpairedFor(keep));
        }
        String buildField = top.has("keep-unpaired-for") ? "keep-unpaired-for" : "";
        ComparatorConfig[] built = new ComparatorConfig[1];
        attempt(buildField, () -> built[0] = config.build());
        return built[0];
    }

    private void rules(FlowRules.Builder rules, Duration window, ObjectNode declared, String path) {
        attempt(path + ".lag-window", () -> rules.lagWindow(window));
        if (declared.has("ignore")) {
            JsonNode ignore = declared.get("ignore");
            if (ignore.isTextual()) {
                ignore = NODES.arrayNode().add(ignore);
            }
            ArrayNode pointers = array(ignore, path + ".ignore");
            for (int i = 0; i < pointers.size(); i++) {
                String field = path + ".ignore[" + i + "]";
                String pointer = text(pointers.get(i), field);
                attempt(field, () -> rules.ignoring(pointer));
            }
        }
        if (declared.has("normalise")) {
            ArrayNode list = array(declared.get("normalise"), path + ".normalise");
            for (int i = 0; i < list.size(); i++) {
                String field = path + ".normalise[" + i + "]";
                ObjectNode entry = object(list.get(i), field);
                if (entry.size() != 1) {
                    throw error(field, "must name exactly one normaliser (one of " + NORMALISERS + ")");
                }
                String kind = entry.fieldNames().next();
                normaliser(rules, kind, entry.get(kind), field + "." + kind);
            }
        }
    }

    private void normaliser(FlowRules.Builder rules, String kind, JsonNode spec, String field) {
        switch (kind) {
            case "trim": {
                String path = text(spec, field);
                attempt(field, () -> rules.normalise("trim " + path, Normaliser.trimmed(path)));
                break;
            }
            case "lowercase": {
                String path = text(spec, field);
                attempt(field, () -> rules.normalise("lowercase " + path, Normaliser.lowercased(path)));
                break;
            }
            case "missing-as-null": {
                String path = spec.isNull() ? "" : text(spec, field);
                attempt(field, () -> rules.normalise("missing-as-null " + path, Normaliser.missingAsNull(path)));
                break;
            }
            case "round": {
                ObjectNode args = arguments(spec, field, Set.of("path", "decimals"), Set.of("path", "decimals"));
                String path = text(args.get("path"), field + ".path");
                JsonNode decimals = args.get("decimals");
                if (!decimals.isIntegralNumber() || !decimals.canConvertToInt()) {
                    throw error(field + ".decimals", "must be a whole number, was " + decimals);
                }
                attempt(field + ".decimals", () -> rules.normalise("round " + path + " to " + decimals + " decimals",
                        Normaliser.rounded(path, decimals.intValue())));
                break;
            }
            case "tolerance": {
                ObjectNode args = arguments(spec, field, Set.of("path", "within"), Set.of("path", "within"));
                String path = text(args.get("path"), field + ".path");
                JsonNode within = args.get("within");
                if (!within.isNumber()) {
                    throw error(field + ".within", "must be a number, was " + within);
                }
                BigDecimal amount = within.decimalValue();
                attempt(field + ".within", () -> rules.normalise("tolerance " + path + " within " + amount,
                        Normaliser.tolerance(path, amount)));
                break;
            }
            case "sort": {
                ObjectNode args = arguments(spec, field, Set.of("path", "by"), Set.of("path"));
                String path = text(args.get("path"), field + ".path");
                String by = args.has("by") ? text(args.get("by"), field + ".by") : "";
                attempt(field, () -> rules.normalise("sort " + path + (by.isEmpty() ? "" : " by " + by),
                        Normaliser.sortedBy(path, by)));
                break;
            }
            default:
                throw error(field, "unknown normaliser '" + kind + "', expected one of " + NORMALISERS);
        }
    }

    private ObjectNode arguments(JsonNode spec, String field, Set<String> allowed, Set<String> required) {
        ObjectNode args = object(spec, field);
        known(args, field, allowed);
        for (String name : required) {
            if (!args.has(name)) {
                throw error(field, "'" + name + "' is required");
            }
        }
        return args;
    }

    private Duration duration(JsonNode node, String field) {
        String text = node.isNumber() ? null : node.asText("").trim();
        if (text != null) {
            Matcher simple = DURATION.matcher(text);
            try {
                if (simple.matches()) {
                    long amount = Long.parseLong(simple.group(1));
                    switch (simple.group(2)) {
                        case "ms":
                            return Duration.ofMillis(amount);
                        case "s":
                            return Duration.ofSeconds(amount);
                        case "m":
                            return Duration.ofMinutes(amount);
                        case "h":
                            return Duration.ofHours(amount);
                        default:
                            return Duration.ofDays(amount);
                    }
                }
                if (text.startsWith("P") || text.startsWith("p")) {
                    return Duration.parse(text);
                }
            } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
                // fall through to the message below
            }
        }
        throw error(field, "not a duration (use 250ms, 30s, 5m, 2h, 7d or ISO-8601 like PT30S), was '"
                + node.asText() + "'");
    }

    private ObjectNode object(JsonNode node, String field) {
        if (!(node instanceof ObjectNode object)) {
            throw error(field, "must be a mapping, was " + describe(node));
        }
        return object;
    }

    private ArrayNode array(JsonNode node, String field) {
        if (!(node instanceof ArrayNode array)) {
            throw error(field, "must be a list, was " + describe(node));
        }
        return array;
    }

    private String text(JsonNode node, String field) {
        if (node == null || !node.isTextual()) {
            throw error(field, "must be a string (a JSON Pointer such as /sent_at), was " + describe(node));
        }
        return node.textValue();
    }

    private void known(ObjectNode object, String path, Set<String> allowed) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw error(path.isEmpty() ? name : path + "." + name,
                        "unknown key, expected one of " + allowed.stream().sorted().toList());
            }
        }
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return node.isArray() ? "a list" : "'" + node.asText() + "'";
    }

    /** Runs a builder step; its refusal is re-thrown with this field's file and line. */
    private void attempt(String field, Runnable step) {
        try {
            step.run();
        } catch (ComparisonException e) {
            throw error(field, e.getMessage());
        }
    }

    private ComparisonException error(String field, String reason) {
        return error(lineOf(field), field, reason);
    }

    private ComparisonException error(int line, String field, String reason) {
        String where = field.isEmpty() ? "" : " " + field + ":";
        return new ComparisonException(source + ":" + line + ":" + where + " " + reason);
    }

    private int lineOf(String field) {
        // a field without a line of its own (a default) falls back to its closest declared parent
        String path = field;
        while (!path.isEmpty()) {
            Integer line = lines.get(path);
            if (line != null) {
                return line;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            path = cut < 0 ? "" : path.substring(0, cut);
        }
        return lines.getOrDefault("", 1);
    }
}
