package io.cutover.plan.host;

import java.time.Instant;
import java.util.Optional;

import io.cutover.flags.Stage;
import io.cutover.plan.GateVerdict;

/**
 * One flow as the admin surfaces show it: its stage, its readiness gate (empty without a plan) and how its shadow
 * comparison stands.
 *
 * @param compared  shadow results so far (every outcome)
 * @param matchRate matches / compared; 0 when nothing was compared
 */
public record FlowView(String flow, Stage stage, Instant changedAt, long revision, Optional<GateVerdict> gate,
                       long compared, double matchRate) {
}
