package io.cutover.plan.report;

import java.util.Objects;

/**
 * A flow to report on, with the consumer that runs its new path (whose dead letters belong to the flow).
 *
 * @param consumer the consumer's name in the runtime; null when no consumer is deployed yet (no dead letters then).
 *                 Dead letters belong to a consumer, not a flow: every flow of a consumer shows all of them.
 */
public record ReportedFlow(String flow, String consumer) {

    public ReportedFlow {
        Objects.requireNonNull(flow, "flow");
    }
}
