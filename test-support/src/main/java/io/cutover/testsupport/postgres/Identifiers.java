package io.cutover.testsupport.postgres;

import java.util.Locale;

/** Identifier helpers: names we generate stay unquoted-safe, names we receive are always quoted. */
final class Identifiers {
    private Identifiers() {
    }

    /** Lower-case {@code [a-z0-9_]}, starting with a letter or underscore, at most {@code max} chars. */
    static String sanitize(String raw, int max) {
        String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("_+", "_");
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            s = "x" + s;
        }
        if (s.startsWith("pg_")) { // reserved prefix for roles
            s = "x" + s;
        }
        if (s.length() > max) {
            s = s.substring(0, max);
        }
        return s;
    }

    /** Double-quoted identifier. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Single-quoted SQL literal (standard_conforming_strings is on since 9.1). */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
