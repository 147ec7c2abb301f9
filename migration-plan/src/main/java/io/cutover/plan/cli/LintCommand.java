package io.cutover.plan.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.cutover.plan.lint.Finding;
import io.cutover.plan.lint.PlanLint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Check the plan with its event catalog and comparator configuration; no database needed."
                + " Prints findings by severity (ERROR, WARN, INFO) with file:line. Exit 1 when there is an ERROR.")
final class LintCommand implements Callable<Integer> {

    @Mixin
    PlanOptions plan;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Finding> findings = PlanLint.check(plan.load());
        findings.forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().println(PlanLint.summary(findings));
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR) ? CutoverCli.REFUSED : 0;
    }
}
