package io.cutover.plan;

import java.time.Instant;

import javax.sql.DataSource;

import io.cutover.flags.FlagStore;
import io.cutover.plan.internal.JdbcGateEvaluator;

/** Evaluates a flow's readiness gate against what happened: one {@link GateCheck} per condition of its {@link GateSpec}. */
@FunctionalInterface
public interface GateEvaluator {

    GateVerdict evaluate(FlowPlan flow, Instant now);

    /**
     * Reads the flow's shadow comparisons and its consumer's dead letters from {@code dataSource} (the schemas of
     * new-consumers' runtime and comparator) and when the flow last entered SHADOW from {@code flags}.
     */
    static GateEvaluator jdbc(DataSource dataSource, FlagStore flags) {
        return new JdbcGateEvaluator(dataSource, flags);
    }
}
