package io.cutover.plan;

import io.cutover.flags.Stage;
import io.cutover.flags.StageChange;

/**
 * Stage changes as the plan allows them, for every surface (CLI, REST, page). A move to CANARY or CUTOVER passes the
 * flow's readiness gate or is forced with a reason, and the forced override is audited as such; moves back (rollback
 * to LEGACY or SHADOW) are never refused. Every change lands in the flag store's audit.
 */
public interface StageChanges {

    /** The flow's gate evaluated now. */
    GateVerdict verdict(String flow);

    /**
     * @throws GateRefusedException when {@code to} is CANARY or CUTOVER, the gate fails and {@code force} is false
     */
    StageChange change(String flow, Stage to, String reason, String actor, boolean force);

    /** Returns the flow to {@code to} (LEGACY or SHADOW) at once, whatever its gate says. */
    StageChange rollback(String flow, Stage to, String reason, String actor);
}
