package io.cutover.consumers.spi;

import java.util.Objects;

/**
 * One firing of a flow: the {@code flow} and the occurrence key under which the legacy shim stamped its decision
 * (an order id for "confirmation mail", order id + transition for an audit flow).
 */
public record Firing(String flow, String occurrenceKey) {
    public Firing {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(occurrenceKey, "occurrenceKey");
        if (flow.isBlank() || occurrenceKey.isBlank()) {
            throw new IllegalArgumentException("flow and occurrence key must not be blank: " + flow + "/" + occurrenceKey);
        }
    }
}
