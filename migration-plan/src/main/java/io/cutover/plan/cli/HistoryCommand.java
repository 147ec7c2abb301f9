package io.cutover.plan.cli;

import io.cutover.flags.StageChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "history", mixinStandardHelpOptions = true, description = "A flow's audited stage changes, oldest first.")
final class HistoryCommand implements Runnable {

    @ParentCommand
    CutoverCli cli;

    @Mixin
    FlagStoreOptions store;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FLOW")
    String flow;

    @Override
    public void run() {
        for (StageChange change : cli.flagStore(store).history(flow)) {
            spec.commandLine().getOut().println(Changes.describe(change));
        }
    }
}
