package io.cutover.plan.cli;

import java.nio.file.Path;

import io.cutover.plan.Plan;
import io.cutover.plan.report.CutoverReport;
import io.cutover.plan.report.ReportFiles;
import io.cutover.plan.report.ReportWriter;
import io.cutover.plan.report.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the shadow-comparison report of the plan's flows: report.json for machines and a"
                + " self-contained report.html with charts for people.")
final class ReportCommand extends FlagStoreCommand {

    @Mixin
    PlanOptions plan;

    @Option(names = "--out", defaultValue = "cutover-report", paramLabel = "DIR",
            description = "the directory to write report.json and report.html into (default: ./cutover-report)")
    Path out;

    @Option(names = "--samples", defaultValue = "10", description = "mismatch samples per flow (default 10)")
    int samples;

    @Override
    public void run() {
        Plan loaded = plan.load();
        spec.commandLine().getErr().println("cutover: reading comparisons, dead letters and gates of "
                + loaded.flows().size() + " flows ...");
        CutoverReport report = Reports.of(dataSource(), cli().clock()).listing(samples, Reports.DEFAULT_DEAD_LETTERS)
                .build(loaded, cli().stageChanges(store, loaded));
        ReportFiles files = ReportWriter.write(report, out);
        out().println("report written: " + files.html().toAbsolutePath());
        out().println("            and " + files.json().toAbsolutePath());
    }
}
