package io.cutover.bridge;

import java.util.Map;
import java.util.Objects;

/**
 * A predicate on one column's before and after images, written {@code status: PENDING -> CONFIRMED} in the catalog.
 * It holds when the value changed, the before value matches {@code from} and the after value matches {@code to}.
 * {@link #ANY} ({@code *}) matches any value; the word {@code null} matches SQL NULL. Values are compared as text.
 */
public record Transition(String column, String from, String to) {
    public static final String ANY = "*";
    public static final String NULL = "null";

    public Transition {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** {@code before}/{@code after} are full row images; a missing column counts as not matching. */
    public boolean matches(Map<String, Object> before, Map<String, Object> after) {
        if (before == null || after == null || !before.containsKey(column) || !after.containsKey(column)) {
            return false;
        }
        String was = text(before.get(column));
        String is = text(after.get(column));
        return !Objects.equals(was, is) && accepts(from, was) && accepts(to, is);
    }

    private static boolean accepts(String pattern, String value) {
        if (ANY.equals(pattern)) {
            return true;
        }
        return NULL.equals(pattern) ? value == null : pattern.equals(value);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    @Override
    public String toString() {
        return column + ": " + from + " -> " + to;
    }
}
