package io.cutover.bridge.yaml;

import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * One node of a YAML document that knows its file, its path ({@code flows[0].gate.min-compared}) and its line.
 * Jackson's own tree drops locations, so the tree is built from the parser's tokens; {@link #json()} is the same value
 * as a Jackson node. A mapping's field carries the line of its key, a list item the line of its dash. Immutable.
 */
public final class YamlNode {
    private static final YAMLFactory YAML = new YAMLFactory(); // not the builder: its defaults read "key:" as "", not null
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String file;
    private final String path;
    private final int line;
    private final JsonNode json;
    private final String text;
    private final Map<String, YamlNode> fields;
    private final List<YamlNode> items;

    private YamlNode(String file, String path, int line, JsonNode json, String text, Map<String, YamlNode> fields,
            List<YamlNode> items) {
        this.file = file;
        this.path = path;
        this.line = line;
        this.json = json;
        this.text = text;
        this.fields = fields;
        this.items = items;
    }

    /**
     * The document's root; an empty document is a null node at line 1. Malformed YAML and a key declared twice are
     * refused with their line.
     */
    public static YamlNode parse(String file, Reader yaml) {
        try (JsonParser parser = YAML.createParser(yaml)) {
            if (parser.nextToken() == null) {
                return new YamlNode(file, "", 1, NODES.nullNode(), null, Map.of(), List.of());
            }
            return read(file, parser, "", parser.currentTokenLocation().getLineNr());
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            // SnakeYAML quotes the offending lines with carets; the file and line are enough in one line of text
            String reason = String.valueOf(e.getOriginalMessage())
                    .replaceAll("\\s*in '[^']*', line \\d+, column \\d+:\\n[^\\n]*\\n[^\\n]*\\^", "")
                    .replaceAll("\\s+", " ").trim();
            throw new YamlException(file, line, "", "not valid YAML: " + reason);
        } catch (IOException e) {
            throw new YamlException(file, 0, "", "cannot read: " + e.getMessage());
        }
    }

    private static YamlNode read(String file, JsonParser parser, String path, int line) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode> fields = new LinkedHashMap<>();
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                String child = path.isEmpty() ? key : path + "." + key;
                int keyLine = parser.currentTokenLocation().getLineNr();
                if (fields.containsKey(key)) {
                    throw new YamlException(file, keyLine, child, "declared twice (first at line " + fields.get(key).line + ")");
                }
                parser.nextToken();
                YamlNode value = read(file, parser, child, keyLine);
                fields.put(key, value);
                object.set(key, value.json);
            }
            return new YamlNode(file, path, line, object, null, Collections.unmodifiableMap(fields), List.of());
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            ArrayNode array = NODES.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                YamlNode item = read(file, parser, path + "[" + items.size() + "]", parser.currentTokenLocation().getLineNr());
                items.add(item);
                array.add(item.json);
            }
            return new YamlNode(file, path, line, array, null, Map.of(), List.copyOf(items));
        }
        JsonNode scalar = switch (token) {
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            default -> NODES.nullNode();
        };
        return new YamlNode(file, path, line, scalar, scalar.isNull() ? null : parser.getText(), Map.of(), List.of());
    }

    public String file() {
        return file;
    }

    /** Where the node sits: {@code events[0].payload}; empty for the root. */
    public String path() {
        return path;
    }

    /** 1-based. */
    public int line() {
        return line;
    }

    /** The value as a Jackson node (numbers exact: BigInteger / BigDecimal). */
    public JsonNode json() {
        return json;
    }

    public boolean isMapping() {
        return json.isObject();
    }

    public boolean isList() {
        return json.isArray();
    }

    /** YAML null: {@code ~}, {@code null} or nothing after the colon. */
    public boolean isNull() {
        return json.isNull();
    }

    public boolean isText() {
        return json.isTextual();
    }

    /** A scalar's text as written ({@code 1.50} stays so); null for null, mappings and lists. */
    public String text() {
        return text;
    }

    /** A mapping's fields in file order; empty for anything else. */
    public Map<String, YamlNode> fields() {
        return fields;
    }

    /** A list's items; empty for anything else. */
    public List<YamlNode> items() {
        return items;
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }

    /** The field, or null when this is no mapping or has no such key. */
    public YamlNode get(String key) {
        return fields.get(key);
    }

    /** The path a field of this mapping has (or would have, when it is missing). */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A word for messages: "a mapping", "a list", "empty", "a number", "a boolean", "a text". */
    public String kind() {
        if (json.isObject()) {
            return "a mapping";
        }
        if (json.isArray()) {
            return "a list";
        }
        if (json.isNull()) {
            return "empty";
        }
        if (json.isNumber()) {
            return "a number";
        }
        return json.isBoolean() ? "a boolean" : "a text";
    }

    /** {@link #kind()} with a scalar's text: {@code a text 'soon'}. */
    public String describe() {
        return text == null ? kind() : kind() + " '" + text + "'";
    }

    /** This node refused: its file, line and path with the reason. */
    public YamlException problem(String reason) {
        return new YamlException(file, line, path, reason);
    }

    /** A field of this mapping refused, e.g. because it is missing: reported at this mapping's line. */
    public YamlException problem(String key, String reason) {
        return new YamlException(file, line, pathOf(key), reason);
    }

    // ---- typed reads that refuse with file, line and field

    /** This node, which must be a mapping. */
    public YamlNode mapping() {
        if (!isMapping()) {
            throw problem("must be a mapping, was " + describe());
        }
        return this;
    }

    /** This list's items; the node must be a list. */
    public List<YamlNode> list() {
        if (!isList()) {
            throw problem("must be a list, was " + describe());
        }
        return items;
    }

    /** The text of a non-blank text scalar. */
    public String string() {
        if (!isText() || text.isBlank()) {
            throw problem("must be a text, was " + (isText() ? "a blank text" : describe()));
        }
        return text.trim();
    }

    /** A whole number that fits an int. */
    public int wholeNumber() {
        if (!json.isIntegralNumber() || !json.canConvertToInt()) {
            throw problem("must be a whole number, was " + describe());
        }
        return json.intValue();
    }

    /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d} or ISO-8601 ({@code PT30S}). */
    public Duration duration() {
        if (isText()) {
            String value = text.trim();
            Matcher simple = DURATION.matcher(value);
            try {
                if (simple.matches()) {
                    long amount = Long.parseLong(simple.group(1));
                    return switch (simple.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    };
                }
                if (value.startsWith("P") || value.startsWith("p")) {
                    return Duration.parse(value);
                }
            } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
                // refused below
            }
        }
        throw problem("not a duration (use 250ms, 30s, 5m, 2h, 7d or ISO-8601 like PT30S), was '"
                + (text == null ? kind() : text) + "'");
    }

    /** Refuses the first field of this mapping that is not allowed, listing the allowed ones. */
    public void onlyKeys(Collection<String> allowed) {
        for (Map.Entry<String, YamlNode> field : fields.entrySet()) {
            if (!allowed.contains(field.getKey())) {
                throw field.getValue().problem("unknown key, expected one of " + allowed.stream().sorted().toList());
            }
        }
    }
}
