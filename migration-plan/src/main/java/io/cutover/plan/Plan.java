package io.cutover.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A cutover plan: the event catalog and comparator configuration it goes with, and its flows in file order. Read with
 * {@link PlanFile#load(Path)}. Immutable.
 *
 * @param comparator empty when the plan names none (the comparator's defaults apply)
 */
public record Plan(Path file, Path catalog, Optional<Path> comparator, List<FlowPlan> flows) {

    public Plan {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(comparator, "comparator");
        flows = List.copyOf(flows);
    }

    public Optional<FlowPlan> flow(String id) {
        return flows.stream().filter(flow -> flow.id().equals(id)).findFirst();
    }

    /** @throws PlanException naming the plan's flows when {@code id} is not one of them */
    public FlowPlan require(String id) {
        return flow(id).orElseThrow(() -> new PlanException("flow '" + id + "' is not in the plan " + file + " (its flows: "
                + flows.stream().map(FlowPlan::id).collect(Collectors.joining(", ")) + ")"));
    }
}
