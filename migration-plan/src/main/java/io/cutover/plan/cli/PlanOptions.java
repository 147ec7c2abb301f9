package io.cutover.plan.cli;

import java.nio.file.Path;

import io.cutover.plan.Plan;
import io.cutover.plan.PlanException;
import io.cutover.plan.PlanFile;
import picocli.CommandLine.Option;

/** Which plan file: {@code --plan}, or the environment's {@code CUTOVER_PLAN} (resolved by the CLI's default provider). */
final class PlanOptions {

    static final String OPTION = "--plan";

    @Option(names = OPTION, paramLabel = "FILE", description = "the plan file (env " + PlanFile.ENVIRONMENT + ")")
    Path file;

    boolean given() {
        return file != null;
    }

    /** @throws PlanException when no plan is given or it cannot be used */
    Plan load() {
        if (file == null) {
            throw new PlanException("no plan given: pass --plan FILE or set " + PlanFile.ENVIRONMENT);
        }
        return PlanFile.load(file);
    }
}
