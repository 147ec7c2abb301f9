package io.cutover.plan.cli;

import io.cutover.flags.Stage;
import io.cutover.flags.StageChange;
import io.cutover.plan.PlanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stage", mixinStandardHelpOptions = true,
        description = {"Move a flow to a stage: LEGACY, SHADOW, \"CANARY 10%%\", CUTOVER.",
                "With a plan, CANARY and CUTOVER must pass the flow's readiness gate (exit 1 with the failing checks"
                        + " otherwise) or be forced."})
final class StageCommand extends FlagStoreCommand {

    @Parameters(index = "0", paramLabel = "FLOW")
    String flow;

    @Parameters(index = "1", paramLabel = "STAGE", description = "LEGACY, SHADOW, CANARY n%% (also canary:n), CUTOVER")
    String stage;

    @Option(names = "--reason", required = true, description = "why; kept in the flow's audit")
    String reason;

    @Option(names = "--actor", description = "who (default: the OS user)")
    String actor;

    @Mixin
    PlanOptions plan;

    @Option(names = "--force", description = "with a plan: move although the gate fails; the audit keeps the reason"
            + " and the failing checks")
    boolean force;

    @Override
    public void run() {
        Stage to = Stage.parse(stage);
        StageChange change;
        if (plan.given()) {
            change = cli.stageChanges(store, plan.load()).change(flow, to, reason, actorOr(actor), force);
        } else if (force) {
            throw new PlanException("--force overrides a plan's readiness gate: give the plan (--plan FILE or CUTOVER_PLAN)");
        } else {
            change = flags().set(flow, to, reason, actorOr(actor));
        }
        out().println(Changes.describe(change));
    }
}
