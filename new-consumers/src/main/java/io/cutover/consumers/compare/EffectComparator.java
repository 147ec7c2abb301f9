package io.cutover.consumers.compare;

import java.util.EnumSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;

/**
 * The pure comparison engine: one legacy and one shadow effect and the flow's rules in, {@link Comparison} out.
 * Thread-safe and without I/O. Kept allocation-light for the common case: equal effects are recognised without
 * copying, normalisers run on copies only when the raw effects differ, and the diff is computed only for a mismatch.
 */
public final class EffectComparator {

    // plain add/remove/replace read best in reports; the legacy value rides along on replace as "fromValue"
    private static final EnumSet<DiffFlags> DIFF_FLAGS = EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION,
            DiffFlags.OMIT_COPY_OPERATION, DiffFlags.ADD_ORIGINAL_VALUE_ON_REPLACE);

    private EffectComparator() {
    }

    public static Comparison compare(JsonNode legacy, JsonNode shadow, FlowRules rules) {
        if (legacy == null || shadow == null || rules == null) {
            throw new NullPointerException("legacy, shadow and rules are required");
        }
        if (legacy.equals(shadow)) {
            return Comparison.matched();
        }
        JsonNode left = legacy;
        JsonNode right = shadow;
        if (rules.normalises()) {
            left = legacy.deepCopy();
            right = shadow.deepCopy();
            rules.normaliser().normalise(left, right);
            if (left.equals(right)) {
                return Comparison.matched();
            }
        }
        return Comparison.mismatched(JsonDiff.asJson(left, right, DIFF_FLAGS));
    }
}
