package io.cutover.plan;

import java.util.stream.Collectors;

/** A move to CANARY or CUTOVER refused because the flow's readiness gate fails; forcing it needs a reason. */
public class GateRefusedException extends PlanException {

    private final transient GateVerdict verdict;

    public GateRefusedException(GateVerdict verdict) {
        super("the readiness gate of flow '" + verdict.flow() + "' fails: "
                + verdict.failing().stream()
                        .map(check -> check.name() + " requires " + check.required() + ", observed " + check.observed())
                        .collect(Collectors.joining("; "))
                + " (force the move with a reason to override; it is audited)");
        this.verdict = verdict;
    }

    public GateVerdict verdict() {
        return verdict;
    }
}
