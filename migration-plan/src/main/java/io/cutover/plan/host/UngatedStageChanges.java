package io.cutover.plan.host;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import io.cutover.flags.FlagStore;
import io.cutover.flags.Stage;
import io.cutover.flags.StageChange;
import io.cutover.plan.GateVerdict;
import io.cutover.plan.StageChanges;

/**
 * Stage changes when no plan is configured: no plan, no gates. Every move goes straight to the flag store, which
 * audits it; the verdict has no checks, so it always passes. A real mode, for a first flow or a plan-less trial.
 */
public final class UngatedStageChanges implements StageChanges {
    private final FlagStore flags;
    private final Clock clock;

    public UngatedStageChanges(FlagStore flags, Clock clock) {
        this.flags = Objects.requireNonNull(flags, "flags");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public GateVerdict verdict(String flow) {
        flags.stage(flow); // unknown flows are refused, as a gated store would
        return new GateVerdict(flow, clock.instant(), List.of());
    }

    @Override
    public StageChange change(String flow, Stage to, String reason, String actor, boolean force) {
        return flags.set(flow, to, reason, actor);
    }

    @Override
    public StageChange rollback(String flow, Stage to, String reason, String actor) {
        return flags.rollback(flow, to, reason, actor);
    }
}
