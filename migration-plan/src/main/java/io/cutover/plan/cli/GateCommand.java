package io.cutover.plan.cli;

import io.cutover.plan.GateVerdict;
import io.cutover.plan.internal.Words;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExitCodeGenerator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "Evaluate a flow's readiness gate now: every check with what is required and what was observed."
                + " Exit 0 when it passes, 1 when it fails.")
final class GateCommand extends FlagStoreCommand implements IExitCodeGenerator {

    @Parameters(index = "0", paramLabel = "FLOW")
    String flow;

    @Mixin
    PlanOptions plan;

    private boolean passed;

    @Override
    public void run() {
        GateVerdict verdict = cli.stageChanges(store, plan.load()).verdict(flow);
        passed = verdict.passed();
        out().println("gate of " + flow + " at " + Words.instant(verdict.evaluatedAt()) + ": "
                + (passed ? "passes" : "FAILS (" + verdict.failing().size() + " of " + verdict.checks().size() + " checks)"));
        Verdicts.lines(verdict.checks()).forEach(out()::println);
    }

    @Override
    public int getExitCode() {
        return passed ? 0 : CutoverCli.REFUSED;
    }
}
