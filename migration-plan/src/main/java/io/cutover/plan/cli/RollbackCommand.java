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

@Command(name = "rollback", mixinStandardHelpOptions = true, description = "The rollback switch: return a flow to the legacy path at once.")
final class RollbackCommand implements Runnable {

    @ParentCommand
    CutoverCli cli;

    @Mixin
    FlagStoreOptions store;

    @Spec
    CommandSpec spec;

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
        StageChange change = cli.flagStore(store).rollback(flow, Stage.parse(to), reason,
                actor == null ? cli.defaultActor() : actor);
        spec.commandLine().getOut().println(Changes.describe(change));
    }
}
