package io.cutover.plan.cli;

import io.cutover.flags.Stage;
import io.cutover.plan.FlowPlan;
import io.cutover.plan.PlanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "The rollback switch: return a flow to the legacy path (or the plan's rollback stage) at once.")
final class RollbackCommand extends FlagStoreCommand {

    @Parameters(index = "0", paramLabel = "FLOW")
    String flow;

    @Option(names = "--reason", required = true, description = "why; kept in the flow's audit")
    String reason;

    @Option(names = "--to", description = "LEGACY or SHADOW (default: the plan's rollback stage for the flow, else LEGACY)")
    String to;

    @Option(names = "--actor", description = "who (default: the OS user)")
    String actor;

    @Mixin
    PlanOptions plan;

    @Override
    public void run() {
        Stage target = to != null ? Stage.parse(to) : planned();
        out().println(Changes.describe(flags().rollback(flow, target, reason, actorOr(actor))));
    }

    /** The plan's rollback stage; a plan that cannot be read must not hold the switch back, so then LEGACY. */
    private Stage planned() {
        if (!plan.given()) {
            return Stage.LEGACY;
        }
        try {
            return plan.load().flow(flow).map(FlowPlan::rollback).orElse(Stage.LEGACY);
        } catch (PlanException e) {
            spec.commandLine().getErr().println("cutover: the plan cannot be used (" + e.getMessage()
                    + "); rolling back to LEGACY");
            return Stage.LEGACY;
        }
    }
}
