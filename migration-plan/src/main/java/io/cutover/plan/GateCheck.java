package io.cutover.plan;

import java.util.Objects;

/**
 * One condition of a flow's readiness gate, evaluated: what the plan requires and what was observed.
 *
 * @param name     the plan's key for the condition, e.g. {@code min-compared}, {@code min-match-rate}
 * @param required the threshold as the plan states it, e.g. {@code ">= 99.9 %"}
 * @param observed the value found, e.g. {@code "99.95 % (2001 of 2002)"}
 */
public record GateCheck(String name, String required, String observed, boolean passed) {

    public GateCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(required, "required");
        Objects.requireNonNull(observed, "observed");
    }
}
