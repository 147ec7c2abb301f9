package io.cutover.plan;

import java.time.Clock;
import java.util.Objects;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.cutover.flags.FlagStore;
import io.cutover.flags.Stage;
import io.cutover.flags.StageChange;

/**
 * Stage changes under a plan: CANARY and CUTOVER only through the flow's readiness gate, or forced with a reason that
 * the audit keeps together with the checks that failed; LEGACY and SHADOW always.
 *
 * <pre>{@code
 * StageChanges changes = GatedStages.of(dataSource, FlagStore.jdbc(dataSource, clock), PlanFile.load(path), clock);
 * changes.change("loyalty-points", Stage.canary(10), "shadow clean for a week", "alice", false); // or GateRefusedException
 * }</pre>
 */
public final class GatedStages implements StageChanges {
    private final FlagStore flags;
    private final GateEvaluator gates;
    private final Plan plan;
    private final Clock clock;

    public GatedStages(FlagStore flags, GateEvaluator gates, Plan plan, Clock clock) {
        this.flags = Objects.requireNonNull(flags, "flags");
        this.gates = Objects.requireNonNull(gates, "gates");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Gates read from {@code dataSource}, where the comparator and the consumer runtime keep their tables. */
    public static GatedStages of(DataSource dataSource, FlagStore flags, Plan plan, Clock clock) {
        return new GatedStages(flags, GateEvaluator.jdbc(dataSource, flags), plan, clock);
    }

    /** @throws PlanException when the flow is not in the plan */
    @Override
    public GateVerdict verdict(String flow) {
        return gates.evaluate(plan.require(flow), clock.instant());
    }

    /** @throws PlanException when {@code to} is CANARY or CUTOVER and the flow is not in the plan */
    @Override
    public StageChange change(String flow, Stage to, String reason, String actor, boolean force) {
        Objects.requireNonNull(to, "to");
        if (to.kind() != Stage.Kind.CANARY && to.kind() != Stage.Kind.CUTOVER) {
            return flags.set(flow, to, reason, actor);
        }
        GateVerdict verdict = verdict(flow);
        if (verdict.passed()) {
            return flags.set(flow, to, reason, actor);
        }
        if (!force) {
            throw new GateRefusedException(verdict);
        }
        if (reason == null || reason.isBlank()) {
            throw new PlanException("forcing flow '" + flow + "' past its failing gate needs a reason");
        }
        return flags.set(flow, to, forced(verdict) + reason, actor);
    }

    /** {@code to} null: the plan's rollback stage for the flow (LEGACY for a flow the plan does not list). */
    @Override
    public StageChange rollback(String flow, Stage to, String reason, String actor) {
        Stage target = to != null ? to : plan.flow(flow).map(FlowPlan::rollback).orElse(Stage.LEGACY);
        return flags.rollback(flow, target, reason, actor);
    }

    /** The audit's prefix for a forced move: which checks failed, with what was required and observed. */
    static String forced(GateVerdict verdict) {
        return "FORCED past failing gate checks (" + verdict.failing().stream()
                .map(check -> check.name() + ": requires " + check.required() + ", observed " + check.observed())
                .collect(Collectors.joining("; ")) + "): ";
    }
}
