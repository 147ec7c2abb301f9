package io.cutover.flags;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a flow stands on its way from the legacy path to the new consumer. {@code CANARY n%} sends the keys hashed
 * into n of 100 buckets to the new path and keeps the rest in shadow; a key's bucket never changes, so at a fixed
 * percentage a key never flips, and raising the percentage only adds keys.
 */
public record Stage(Kind kind, int canaryPercent) {

    public enum Kind { LEGACY, SHADOW, CANARY, CUTOVER }

    public static final Stage LEGACY = new Stage(Kind.LEGACY, 0);
    public static final Stage SHADOW = new Stage(Kind.SHADOW, 0);
    public static final Stage CUTOVER = new Stage(Kind.CUTOVER, 0);

    private static final Pattern CANARY = Pattern.compile("CANARY[\\s:]*(\\d{1,3})\\s*%?");

    public Stage {
        if (kind == null) {
            throw new IllegalStageException("a stage needs a kind: one of LEGACY, SHADOW, CANARY n%, CUTOVER");
        }
        if (kind == Kind.CANARY && (canaryPercent < 0 || canaryPercent > 100)) {
            throw new IllegalStageException("CANARY percentage must be between 0 and 100, was " + canaryPercent);
        }
        if (kind != Kind.CANARY && canaryPercent != 0) {
            throw new IllegalStageException(kind + " takes no percentage, was " + canaryPercent);
        }
    }

    public static Stage canary(int percent) {
        return new Stage(Kind.CANARY, percent);
    }

    /** Reads {@code LEGACY}, {@code SHADOW}, {@code CUTOVER}, {@code CANARY 25%} (also {@code canary:25}, {@code CANARY25}). */
    public static Stage parse(String text) {
        String normalised = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        Matcher canary = CANARY.matcher(normalised);
        if (canary.matches()) {
            return canary(Integer.parseInt(canary.group(1)));
        }
        return switch (normalised) {
            case "LEGACY" -> LEGACY;
            case "SHADOW" -> SHADOW;
            case "CUTOVER" -> CUTOVER;
            default -> throw new IllegalStageException("unknown stage '" + text
                    + "': expected one of LEGACY, SHADOW, CANARY n% (0-100), CUTOVER");
        };
    }

    /** Which path performs the firing of {@code flow} identified by {@code occurrenceKey} at this stage. */
    public Decision decide(String flow, String occurrenceKey) {
        return switch (kind) {
            case LEGACY -> Decision.LEGACY;
            case SHADOW -> Decision.SHADOW;
            case CUTOVER -> Decision.NEW;
            case CANARY -> bucket(flow, occurrenceKey) < canaryPercent ? Decision.NEW : Decision.SHADOW;
        };
    }

    /** A stable bucket in [0, 100): SHA-256 so that any process, in any language, agrees on it. */
    static int bucket(String flow, String occurrenceKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((flow + '\u0000' + occurrenceKey).getBytes(StandardCharsets.UTF_8));
            int first = ((hash[0] & 0xff) << 24) | ((hash[1] & 0xff) << 16) | ((hash[2] & 0xff) << 8) | (hash[3] & 0xff);
            return Integer.remainderUnsigned(first, 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return kind == Kind.CANARY ? "CANARY " + canaryPercent + "%" : kind.name();
    }
}
