package io.cutover.plan.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.cutover.flags.FlagStore;
import io.cutover.flags.Stage;
import io.cutover.flags.StageChange;
import io.cutover.plan.FlowPlan;
import io.cutover.plan.GateCheck;
import io.cutover.plan.GateEvaluator;
import io.cutover.plan.GateSpec;
import io.cutover.plan.GateVerdict;

/**
 * The gate over the live tables. Everything is counted since the flow last entered SHADOW: a shadow run that was
 * rolled back and restarted starts its evidence afresh, and firings from before the consumer ran in shadow (which can
 * only be "missing in new") do not count against it.
 */
public final class JdbcGateEvaluator implements GateEvaluator {
    private final FlowFacts facts;
    private final FlagStore flags;

    public JdbcGateEvaluator(DataSource dataSource, FlagStore flags) {
        this.facts = new FlowFacts(dataSource);
        this.flags = flags;
    }

    @Override
    public GateVerdict evaluate(FlowPlan flow, Instant now) {
        GateSpec gate = flow.gate();
        Instant since = lastEnteredShadow(flow.id());
        FlowFacts.Shadow shadow = since == null ? new FlowFacts.Shadow(0, 0, null) : facts.shadowSince(flow.id(), since);
        List<GateCheck> checks = new ArrayList<>();
        checks.add(new GateCheck("min-compared", ">= " + gate.minCompared(),
                shadow.compared() + (since == null ? " (never in SHADOW)" : " since SHADOW at " + Words.instant(since)),
                shadow.compared() >= gate.minCompared()));
        checks.add(matchRate(gate, shadow));
        checks.add(deadLetters(flow, gate));
        checks.add(new GateCheck("max-lag-p99", "<= " + Words.duration(gate.maxLagP99()),
                shadow.lagP99() == null ? "no pair compared yet" : Words.duration(shadow.lagP99()),
                shadow.lagP99() != null && shadow.lagP99().compareTo(gate.maxLagP99()) <= 0));
        Duration observed = since == null ? null : Duration.between(since, now);
        checks.add(new GateCheck("min-observed", ">= " + Words.duration(gate.minObserved()),
                observed == null ? "never in SHADOW" : Words.duration(observed) + " since SHADOW at " + Words.instant(since),
                observed != null && observed.compareTo(gate.minObserved()) >= 0));
        return new GateVerdict(flow.id(), now, checks);
    }

    private static GateCheck matchRate(GateSpec gate, FlowFacts.Shadow shadow) {
        String required = ">= " + Words.percent(gate.minMatchRate());
        if (shadow.compared() == 0) {
            return new GateCheck("min-match-rate", required, "nothing compared", gate.minMatchRate() == 0);
        }
        // matched / compared >= rate / 100 in exact decimals: no floating-point rounding decides a gate
        boolean passed = BigDecimal.valueOf(shadow.matched()).movePointRight(2)
                .compareTo(BigDecimal.valueOf(gate.minMatchRate()).multiply(BigDecimal.valueOf(shadow.compared()))) >= 0;
        return new GateCheck("min-match-rate", required, Words.percent(shadow.matched(), shadow.compared())
                + " (" + shadow.matched() + " of " + shadow.compared() + ")", passed);
    }

    private GateCheck deadLetters(FlowPlan flow, GateSpec gate) {
        String required = "<= " + gate.maxOpenDeadLetters();
        if (flow.consumer() == null) {
            return new GateCheck("max-open-dead-letters", required, "unknown: the plan names no consumer for this flow", false);
        }
        long parked = facts.parkedDeadLetters(flow.consumer());
        return new GateCheck("max-open-dead-letters", required, parked + " parked (consumer " + flow.consumer() + ")",
                parked <= gate.maxOpenDeadLetters());
    }

    private Instant lastEnteredShadow(String flow) {
        Instant since = null;
        for (StageChange change : flags.history(flow)) {
            if (change.to().kind() == Stage.Kind.SHADOW && (change.from() == null || change.from().kind() != Stage.Kind.SHADOW)) {
                since = change.changedAt();
            }
        }
        return since;
    }
}
