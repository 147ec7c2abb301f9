package io.cutover.plan.cli;

import io.cutover.flags.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stage", mixinStandardHelpOptions = true,
        description = "Move a flow to a stage: LEGACY, SHADOW, \"CANARY 10%%\", CUTOVER.")
final class StageCommand extends FlagStoreCommand {

    @Parameters(index = "0", paramLabel = "FLOW")
    String flow;

    @Parameters(index = "1", paramLabel = "STAGE", description = "LEGACY, SHADOW, CANARY n%% (also canary:n), CUTOVER")
    String stage;

    @Option(names = "--reason", required = true, description = "why; kept in the flow's audit")
    String reason;

    @Option(names = "--actor", description = "who (default: the OS user)")
    String actor;

    @Override
    public void run() {
        out().println(Changes.describe(flags().set(flow, Stage.parse(stage), reason, actorOr(actor))));
    }
}
