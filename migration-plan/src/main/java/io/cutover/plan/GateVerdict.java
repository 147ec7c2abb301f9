package io.cutover.plan;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A flow's readiness gate evaluated at one instant: it passes when every check passes. */
public record GateVerdict(String flow, Instant evaluatedAt, List<GateCheck> checks) {

    public GateVerdict {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().allMatch(GateCheck::passed);
    }

    public List<GateCheck> failing() {
        return checks.stream().filter(check -> !check.passed()).toList();
    }
}
