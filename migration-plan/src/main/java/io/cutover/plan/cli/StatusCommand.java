package io.cutover.plan.cli;

import java.util.List;

import io.cutover.flags.FlowState;
import io.cutover.plan.internal.Words;
import picocli.CommandLine.Command;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Every flow with its stage, when it last changed and its revision.")
final class StatusCommand extends FlagStoreCommand {

    @Override
    public void run() {
        List<FlowState> flows = flags().flows();
        if (flows.isEmpty()) {
            out().println("no flows registered yet");
            return;
        }
        out().printf("%-28s %-12s %-20s %s%n", "FLOW", "STAGE", "CHANGED (UTC)", "REVISION");
        for (FlowState flow : flows) {
            out().printf("%-28s %-12s %-20s %d%n", flow.flow(), flow.stage(),
                    Words.utc(flow.changedAt()),
                    flow.revision());
        }
    }
}
