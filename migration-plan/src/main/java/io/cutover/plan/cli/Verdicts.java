package io.cutover.plan.cli;

import java.util.List;

import io.cutover.plan.GateCheck;

final class Verdicts {

    private Verdicts() {
    }

    /** One line per check: {@code   FAIL  min-match-rate         required >= 99.5 %, observed 98 % (49 of 50)}. */
    static List<String> lines(List<GateCheck> checks) {
        return checks.stream().map(check -> String.format("  %-4s  %-22s required %s, observed %s",
                check.passed() ? "ok" : "FAIL", check.name(), check.required(), check.observed())).toList();
    }
}
