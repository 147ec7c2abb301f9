package io.cutover.consumers.compare.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.cutover.consumers.compare.ComparisonException;
import io.cutover.consumers.compare.spi.Normaliser;

/** The implementations behind the {@link Normaliser} factories. */
public final class Normalisers {

    private Normalisers() {
    }

    public static PathPattern nonRoot(String pointer, String normaliser) {
        PathPattern path = PathPattern.parse(pointer);
        if (path.isRoot()) {
            // the engine hands over the roots to rewrite in place; it cannot swap them
            throw new ComparisonException(normaliser + ": the path must point below the effect's root, was ''");
        }
        return path;
    }

    public static Normaliser eachSide(Consumer<JsonNode> action) {
        return (legacy, shadow) -> {
            action.accept(legacy);
            action.accept(shadow);
        };
    }

    public static Normaliser rewriting(PathPattern path, UnaryOperator<JsonNode> rewrite) {
        return eachSide(doc -> path.forEach(doc, (container, field, index, value) -> {
            JsonNode rewritten = rewrite.apply(value);
            if (rewritten != value) {
                PathPattern.replace(container, field, index, rewritten);
            }
        }));
    }

    public static JsonNode trim(JsonNode node) {
        if (!node.isTextual()) {
            return node;
        }
        String text = node.textValue();
        String trimmed = text.strip();
        return trimmed.length() == text.length() ? node : TextNode.valueOf(trimmed);
    }

    public static JsonNode lowercase(JsonNode node) {
        if (!node.isTextual()) {
            return node;
        }
        String text = node.textValue();
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.equals(text) ? node : TextNode.valueOf(lower);
    }

    public static JsonNode round(JsonNode node, int decimals) {
        if (!node.isNumber()) {
            return node;
        }
        return DecimalNode.valueOf(node.decimalValue().setScale(decimals, RoundingMode.HALF_UP));
    }

    public static Normaliser tolerance(PathPattern path, BigDecimal within) {
        return (legacy, shadow) -> path.forEachPair(legacy, shadow, (left, right, field, index, l, r) -> {
            if (l.isNumber() && r.isNumber() && !l.equals(r)
                    && l.decimalValue().subtract(r.decimalValue()).abs().compareTo(within) <= 0) {
                PathPattern.replace(right, field, index, l);
            }
        });
    }

    public static Normaliser sortedBy(PathPattern path, String keyPointer) {
        JsonPointer key;
        try {
            key = JsonPointer.compile(keyPointer == null ? "" : keyPointer);
        } catch (IllegalArgumentException e) {
            throw new ComparisonException("sortedBy: '" + keyPointer + "' is not a JSON Pointer: " + e.getMessage());
        }
        Comparator<JsonNode> order = Comparator.comparing(element -> element.at(key), Normalisers::compareKeys);
        return eachSide(doc -> path.forEachNode(doc, node -> {
            if (node instanceof ArrayNode array && array.size() > 1) {
                List<JsonNode> elements = new ArrayList<>(array.size());
                array.forEach(elements::add);
                elements.sort(order);
                array.removeAll();
                array.addAll(elements);
            }
        }));
    }

    private static int compareKeys(JsonNode a, JsonNode b) {
        int rankA = rank(a);
        int rankB = rank(b);
        if (rankA != rankB) {
            return Integer.compare(rankA, rankB);
        }
        if (rankA == 1) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return rankA == 0 ? 0 : (a.isTextual() ? a.textValue() : a.toString())
                .compareTo(b.isTextual() ? b.textValue() : b.toString());
    }

    private static int rank(JsonNode key) {
        if (key.isMissingNode() || key.isNull()) {
            return 0;
        }
        return key.isNumber() ? 1 : 2;
    }

    public static void dropNullMembers(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                JsonNode value = it.next().getValue();
                if (value.isNull()) {
                    it.remove();
                } else {
                    dropNullMembers(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(Normalisers::dropNullMembers);
        }
    }
}
