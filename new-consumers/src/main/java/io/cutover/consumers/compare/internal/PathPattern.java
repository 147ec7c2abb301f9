package io.cutover.consumers.compare.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cutover.consumers.compare.ComparisonException;

/**
 * A JSON Pointer (RFC 6901) in which a segment {@code *} matches every array element and every object member.
 * Parsed once when the rules are built, so that matching walks the tree without building strings.
 */
public final class PathPattern {

    /** Receives one matched location: the container holding it and its member name or array index. */
    public interface Visitor {
        void visit(JsonNode container, String field, int index, JsonNode value);
    }

    private static final String WILDCARD = "*";

    private final String text;
    private final String[] segments;

    private PathPattern(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
    }

    public static PathPattern parse(String pointer) {
        if (pointer == null) {
            throw new ComparisonException("a JSON Pointer is required");
        }
        if (pointer.isEmpty()) {
            return new PathPattern("", new String[0]);
        }
        if (pointer.charAt(0) != '/') {
            throw new ComparisonException("'" + pointer + "' is not a JSON Pointer: it must be empty or start with '/'");
        }
        String[] raw = pointer.substring(1).split("/", -1);
        String[] segments = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            segments[i] = unescape(pointer, raw[i]);
        }
        return new PathPattern(pointer, segments);
    }

    private static String unescape(String pointer, String segment) {
        if (segment.indexOf('~') < 0) {
            return segment;
        }
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '~') {
                out.append(c);
                continue;
            }
            char next = i + 1 < segment.length() ? segment.charAt(i + 1) : ' ';
            if (next == '0') {
                out.append('~');
            } else if (next == '1') {
                out.append('/');
            } else {
                throw new ComparisonException("'" + pointer + "' is not a JSON Pointer: '~' must be followed by 0 or 1");
            }
            i++;
        }
        return out.toString();
    }

    public boolean isRoot() {
        return segments.length == 0;
    }

    /** Calls the visitor for every location the pattern matches; the root itself is never visited. */
    public void forEach(JsonNode root, Visitor visitor) {
        if (segments.length > 0) {
            walk(root, 0, visitor);
        }
    }

    /** The nodes the pattern matches, the root included when the pattern is empty. */
    public void forEachNode(JsonNode root, java.util.function.Consumer<JsonNode> action) {
        if (segments.length == 0) {
            action.accept(root);
        } else {
            forEach(root, (container, field, index, value) -> action.accept(value));
        }
    }

    private void walk(JsonNode node, int depth, Visitor visitor) {
        String segment = segments[depth];
        boolean last = depth == segments.length - 1;
        if (node instanceof ObjectNode object) {
            if (WILDCARD.equals(segment)) {
                // copy the names: the visitor may remove or replace members
                List<String> names = new ArrayList<>(object.size());
                for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                for (String name : names) {
                    step(object, name, -1, object.get(name), depth, last, visitor);
                }
            } else {
                JsonNode child = object.get(segment);
                if (child != null) {
                    step(object, segment, -1, child, depth, last, visitor);
                }
            }
        } else if (node instanceof ArrayNode array) {
            if (WILDCARD.equals(segment)) {
                // backwards, so that removing an element does not shift the ones still to visit
                for (int i = array.size() - 1; i >= 0; i--) {
                    step(array, null, i, array.get(i), depth, last, visitor);
                }
            } else {
                int index = arrayIndex(segment);
                if (index >= 0 && index < array.size()) {
                    step(array, null, index, array.get(index), depth, last, visitor);
                }
            }
        }
    }

    private void step(JsonNode container, String field, int index, JsonNode child, int depth, boolean last,
                      Visitor visitor) {
        if (last) {
            visitor.visit(container, field, index, child);
        } else {
            walk(child, depth + 1, visitor);
        }
    }

    private static int arrayIndex(String segment) {
        if (segment.isEmpty() || segment.length() > 9 || (segment.length() > 1 && segment.charAt(0) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Receives one location matched in both documents at the same concrete path. */
    public interface PairVisitor {
        void visit(JsonNode left, JsonNode right, String field, int index, JsonNode leftValue, JsonNode rightValue);
    }

    /** Walks two documents in step: calls the visitor where both have a value at the same concrete path. */
    public void forEachPair(JsonNode left, JsonNode right, PairVisitor visitor) {
        if (segments.length > 0) {
            walkPair(left, right, 0, visitor);
        }
    }

    private void walkPair(JsonNode left, JsonNode right, int depth, PairVisitor visitor) {
        String segment = segments[depth];
        boolean last = depth == segments.length - 1;
        if (left instanceof ObjectNode l && right instanceof ObjectNode r) {
            if (WILDCARD.equals(segment)) {
                for (Iterator<String> it = l.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    stepPair(l, r, name, -1, depth, last, visitor);
                }
            } else {
                stepPair(l, r, segment, -1, depth, last, visitor);
            }
        } else if (left instanceof ArrayNode l && right instanceof ArrayNode r) {
            if (WILDCARD.equals(segment)) {
                for (int i = 0; i < Math.min(l.size(), r.size()); i++) {
                    stepPair(l, r, null, i, depth, last, visitor);
                }
            } else {
                stepPair(l, r, null, arrayIndex(segment), depth, last, visitor);
            }
        }
    }

    private void stepPair(JsonNode left, JsonNode right, String field, int index, int depth, boolean last,
                          PairVisitor visitor) {
        JsonNode l = sameLocation(left, field, index);
        JsonNode r = sameLocation(right, field, index);
        if (l == null || r == null) {
            return;
        }
        if (last) {
            visitor.visit(left, right, field, index, l, r);
        } else {
            walkPair(l, r, depth + 1, visitor);
        }
    }

    /** Replaces the value at a location handed to a {@link Visitor}. */
    public static void replace(JsonNode container, String field, int index, JsonNode value) {
        if (container instanceof ObjectNode object) {
            object.set(field, value);
        } else {
            ((ArrayNode) container).set(index, value);
        }
    }

    /** Removes the value at a location handed to a {@link Visitor}. */
    public static void remove(JsonNode container, String field, int index) {
        if (container instanceof ObjectNode object) {
            object.remove(field);
        } else {
            ((ArrayNode) container).remove(index);
        }
    }

    /** The location in the other document at the same concrete path, or null when it has none. */
    public static JsonNode sameLocation(JsonNode otherContainer, String field, int index) {
        if (otherContainer instanceof ObjectNode object) {
            return field == null ? null : object.get(field);
        }
        if (otherContainer instanceof ArrayNode array) {
            return field != null || index < 0 || index >= array.size() ? null : array.get(index);
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathPattern that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

}
