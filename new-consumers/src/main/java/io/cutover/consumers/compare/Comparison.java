package io.cutover.consumers.compare;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The verdict of the comparison engine for one pair of effects.
 *
 * @param outcome {@link Outcome#MATCH} or {@link Outcome#MISMATCH}
 * @param diff    for a mismatch, the RFC 6902 operations that turn the normalised legacy effect into the normalised
 *                shadow effect ({@code replace} also carries the legacy value as {@code fromValue}, {@code remove} the removed
 *                {@code value}: members RFC 6902 allows and appliers ignore, kept because a report needs them);
 *                null for a match
 */
public record Comparison(Outcome outcome, JsonNode diff) {

    private static final Comparison MATCHED = new Comparison(Outcome.MATCH, null);

    public Comparison {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.MATCH && diff != null || outcome == Outcome.MISMATCH && diff == null) {
            throw new IllegalArgumentException("a match has no diff, a mismatch has one");
        }
        if (outcome != Outcome.MATCH && outcome != Outcome.MISMATCH) {
            throw new IllegalArgumentException("the engine only concludes MATCH or MISMATCH, not " + outcome);
        }
    }

    public static Comparison matched() {
        return MATCHED;
    }

    public static Comparison mismatched(JsonNode diff) {
        return new Comparison(Outcome.MISMATCH, diff);
    }

    public boolean isMatch() {
        return outcome == Outcome.MATCH;
    }
}
