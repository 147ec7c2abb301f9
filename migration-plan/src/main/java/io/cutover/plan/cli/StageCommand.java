package io.cutover.plan.cli;

import io.cutover.flags.Stage;
import io.cutover.flags.StageChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "stage", mixinStandardHelpOptions = true, description = "Move a flow to a stage: LEGACY, SHADOW, \"CANARY 10%%\", CUTOVER.")
final class StageCommand implements Runnable {

    @ParentCommand
    CutoverCli cli;

    @Mixin
    FlagStoreOptions store;

    @Spec
    CommandSpec spec;

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
        StageChange change = cli.flagStore(store).set(flow, Stage.parse(stage), reason,
                actor == null ? cli.defaultActor() : actor);
        spec.commandLine().getOut().println(Changes.describe(change));
    }
}
