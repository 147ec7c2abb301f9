package io.cutover.plan.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** How gates and findings write numbers for people: {@code 99.5 %}, {@code 2d 4h}, {@code 2026-11-24 10:00:00Z}. */
public final class Words {

    private Words() {
    }

    public static String percent(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() + " %";
    }

    /** {@code part} of {@code whole} in percent, cut (not rounded) to two decimals so 99.996 never reads as 100. */
    public static String percent(long part, long whole) {
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.DOWN).stripTrailingZeros().toPlainString() + " %";
    }

    /** The two largest units: {@code 3d}, {@code 2d 4h}, {@code 5m 30s}, {@code 1.25s}, {@code 250ms}. */
    public static String duration(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + "ms";
        }
        if (d.compareTo(Duration.ofMinutes(1)) < 0) {
            return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
        }
        long[] amounts = {d.toDays(), d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart()};
        String[] units = {"d", "h", "m", "s"};
        int first = 0;
        while (amounts[first] == 0) {
            first++;
        }
        String text = amounts[first] + units[first];
        return first + 1 < amounts.length && amounts[first + 1] != 0 ? text + " " + amounts[first + 1] + units[first + 1] : text;
    }

    public static String instant(Instant instant) {
        return utc(instant) + "Z";
    }

    /** {@code 2026-11-24 09:00:00}: to the second, for tables whose heading says UTC. */
    public static String utc(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant).substring(0, 19).replace('T', ' ');
    }
}
