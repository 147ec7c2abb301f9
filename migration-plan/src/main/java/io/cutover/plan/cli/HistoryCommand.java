package io.cutover.plan.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true, description = "A flow's audited stage changes, oldest first.")
final class HistoryCommand extends FlagStoreCommand {

    @Parameters(index = "0", paramLabel = "FLOW")
    String flow;

    @Override
    public void run() {
        flags().history(flow).forEach(change -> out().println(Changes.describe(change)));
    }
}
