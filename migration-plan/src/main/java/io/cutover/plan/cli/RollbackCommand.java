package io.cutover.plan.cli;

import io.cutover.flags.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "The rollback switch: return a flow to the legacy path at once.")
final class RollbackCommand extends FlagStoreCommand {

    @Parameters(index = "0", paramLabel = "FLOW")
    String flow;

    @Option(names = "--reason", required = true, description = "why; kept in the flow's audit")
    String reason;

    @Option(names = "--to", defaultValue = "LEGACY", description = "LEGACY (default) or SHADOW")
    String to;

    @Option(names = "--actor", description = "who (default: the OS user)")
    String actor;

    @Override
    public void run() {
        out().println(Changes.describe(flags().rollback(flow, Stage.parse(to), reason, actorOr(actor))));
    }
}
