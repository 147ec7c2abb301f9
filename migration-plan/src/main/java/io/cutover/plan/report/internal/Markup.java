package io.cutover.plan.report.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping and number formats shared by the template's view and the charts. */
final class Markup {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Markup() {
    }

    /**
     * Text or attribute value for HTML and SVG: report data (flow names, diffs, errors) is untrusted. Control
     * characters (an error's terminal colours, say) become U+FFFD: HTML forbids them and they would break XML readers.
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c < ' ' && c != '\t' && c != '\n' && c != '\r' || c == '\u007f'
                        ? '\uFFFD' : c);
            }
        }
        return escaped.toString();
    }

    /**
     * A rate as a percentage with two decimals, rounded down: 100 % only when every result matched, so a single
     * mismatch in thousands never shows as 100.
     */
    static String percent(double rate) {
        double hundredths = Math.floor(rate * 10_000 + 1e-9) / 100;
        String text = String.format(Locale.ROOT, "%.2f", hundredths);
        return (text.endsWith(".00") ? text.substring(0, text.length() - 3) : text) + " %";
    }

    static String millis(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return String.format(Locale.ROOT, "%.1f min", millis / 60_000.0);
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static String duration(long seconds) {
        Duration size = Duration.ofSeconds(seconds);
        if (seconds % 86_400 == 0) {
            return size.toDays() + " d";
        }
        if (seconds % 3600 == 0) {
            return size.toHours() + " h";
        }
        return seconds % 60 == 0 ? size.toMinutes() + " min" : seconds + " s";
    }

    /** A coordinate for SVG: one decimal, never a locale's comma. */
    static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
