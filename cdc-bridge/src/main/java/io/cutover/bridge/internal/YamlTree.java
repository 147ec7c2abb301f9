package io.cutover.bridge.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A YAML document as a small tree that remembers the line of every node. Jackson's own tree drops locations, and
 * a refused catalog must point at the line to fix, so we read the token stream ourselves.
 */
public final class YamlTree {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    /** Any node; {@code line} is 1-based. */
    public sealed interface Node permits MapNode, ListNode, Scalar {
        int line();

        /** A word for messages: "a mapping", "a list", "a text"... */
        String kind();
    }

    /** Keys keep their order; {@code keyLines} holds the line of each key. */
    public record MapNode(int line, Map<String, Node> entries, Map<String, Integer> keyLines) implements Node {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    public record ListNode(int line, List<Node> items) implements Node {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** {@code text} is null for YAML null ({@code ~} or nothing); {@code token} says whether it was a number etc. */
    public record Scalar(int line, String text, JsonToken token) implements Node {
        @Override
        public String kind() {
            return switch (token) {
                case VALUE_NULL -> "empty";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                default -> "a text";
            };
        }
    }

    /** Malformed YAML or a duplicate key, with its line. */
    public static final class YamlException extends Exception {
        private final int line;

        YamlException(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private YamlTree() {
    }

    /** The document's root, or null for an empty document. */
    public static Node parse(Reader reader) throws YamlException {
        try (JsonParser p = YAML.createParser(reader)) {
            JsonToken t;
            try {
                t = p.nextToken();
            } catch (JsonProcessingException e) {
                throw new YamlException(line(e), "not valid YAML: " + e.getOriginalMessage());
            }
            if (t == null) {
                return null;
            }
            return read(p);
        } catch (JsonProcessingException e) {
            throw new YamlException(line(e), "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new YamlException(0, "cannot read: " + e.getMessage());
        }
    }

    private static int line(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    private static Node read(JsonParser p) throws IOException, YamlException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Node> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = p.currentTokenLocation().getLineNr();
                if (entries.containsKey(key)) {
                    throw new YamlException(keyLine, "duplicate key '" + key + "' (first at line " + keyLines.get(key) + ")");
                }
                p.nextToken();
                keyLines.put(key, keyLine);
                entries.put(key, read(p));
            }
            return new MapNode(line, entries, keyLines);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p));
            }
            return new ListNode(line, items);
        }
        return new Scalar(line, t == JsonToken.VALUE_NULL ? null : p.getText(), t);
    }
}
