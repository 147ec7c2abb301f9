package io.cutover.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.cutover.flags.FlagStore;
import io.cutover.flags.FlowState;
import io.cutover.flags.Stage;
import io.cutover.flags.StageChange;
import io.cutover.plan.internal.FlowFacts;
import io.cutover.plan.internal.Words;

/**
 * Rolls back a flow in CANARY or CUTOVER whose plan sets {@code auto-revert} limits once it has more new mismatches
 * (shadow comparisons of firings since it entered the stage with outcome MISMATCH) or more new dead letters of its
 * consumer (died since then, whatever became of them) than allowed. It goes to the plan's rollback stage through
 * {@link StageChanges}, so the audit says why. Meant to be called periodically: {@link #check()} costs one flag-store
 * read plus at most two counting queries per flow in CANARY or CUTOVER with limits.
 */
public final class AutoRevert {
    /** The actor of automatic rollbacks in the flag store's audit. */
    public static final String ACTOR = "cutover-auto-revert";

    /** One automatic rollback: the flow's stage before it and the audited change. */
    public record Reverted(String flow, Stage from, StageChange change) {
    }

    private final FlagStore flags;
    private final StageChanges changes;
    private final Plan plan;
    private final FlowFacts facts;

    private AutoRevert(FlagStore flags, StageChanges changes, Plan plan, FlowFacts facts) {
        this.flags = Objects.requireNonNull(flags, "flags");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.facts = facts;
    }

    /** Counts from {@code dataSource}, where the comparator and the consumer runtime keep their tables. */
    public static AutoRevert of(DataSource dataSource, FlagStore flags, StageChanges changes, Plan plan) {
        return new AutoRevert(flags, changes, plan, new FlowFacts(Objects.requireNonNull(dataSource, "dataSource")));
    }

    /** Checks every flow once; returns the rollbacks it made (empty when every flow is within its limits). */
    public List<Reverted> check() {
        List<Reverted> reverted = new ArrayList<>();
        for (FlowState state : flags.flows()) {
            Stage.Kind kind = state.stage().kind();
            Optional<FlowPlan> flow = plan.flow(state.flow());
            if ((kind != Stage.Kind.CANARY && kind != Stage.Kind.CUTOVER) || flow.isEmpty() || flow.get().autoRevert().isEmpty()) {
                continue;
            }
            String why = breach(flow.get(), flow.get().autoRevert().get(), state);
            if (why != null) {
                reverted.add(new Reverted(state.flow(), state.stage(),
                        changes.rollback(state.flow(), flow.get().rollback(), why, ACTOR)));
            }
        }
        return reverted;
    }

    /** Why the flow must go back, or null. */
    private String breach(FlowPlan flow, AutoRevertSpec limits, FlowState state) {
        Instant since = state.changedAt();
        String when = " since " + state.stage() + " at " + Words.instant(since);
        if (limits.maxNewMismatches().isPresent()) {
            long mismatches = facts.mismatchesSince(flow.id(), since);
            if (mismatches > limits.maxNewMismatches().getAsLong()) {
                return "auto-revert: " + mismatches + " new mismatches" + when + " (limit " + limits.maxNewMismatches().getAsLong() + ")";
            }
        }
        if (limits.maxNewDeadLetters().isPresent() && flow.consumer() != null) {
            long dead = facts.deadLettersSince(flow.consumer(), since);
            if (dead > limits.maxNewDeadLetters().getAsLong()) {
                return "auto-revert: " + dead + " new dead letters of consumer " + flow.consumer() + when
                        + " (limit " + limits.maxNewDeadLetters().getAsLong() + ")";
            }
        }
        return null;
    }
}
