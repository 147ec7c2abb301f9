package io.cutover.plan;

import java.util.OptionalLong;

/**
 * When a flow in CANARY or CUTOVER is rolled back without waiting for an operator: more new mismatches, or more new
 * dead letters of its consumer, since it entered that stage than allowed. An empty limit is no limit.
 */
public record AutoRevertSpec(OptionalLong maxNewMismatches, OptionalLong maxNewDeadLetters) {

    public AutoRevertSpec {
        if (maxNewMismatches.orElse(0) < 0 || maxNewDeadLetters.orElse(0) < 0) {
            throw new PlanException("auto-revert limits must not be negative");
        }
    }
}
