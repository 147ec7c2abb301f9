package io.cutover.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.cutover.flags.Stage;

/**
 * One flow of the plan: a legacy side effect and the consumer that replaces it.
 *
 * @param id          the flow's id in the flag store
 * @param line        where the flow is declared in the plan file
 * @param effect      the legacy side effect, in words
 * @param events      the event types that trigger it
 * @param consumer    the consumer that performs it on the new path; null when the plan names none (lint refuses that,
 *                    and the gate's dead-letter check cannot pass)
 * @param rollback    where the rollback switch returns the flow: LEGACY or SHADOW
 * @param autoRevert  empty: no automatic rollback
 * @param defaulted   the sections the file left out, filled with defaults: {@code dead-letters}, {@code rollback},
 *                    {@code gate}
 */
public record FlowPlan(String id, int line, String effect, List<String> events, String consumer,
                       DeadLetterPolicy deadLetters, Stage rollback, GateSpec gate, Optional<AutoRevertSpec> autoRevert,
                       Set<String> defaulted) {

    public FlowPlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(autoRevert, "autoRevert");
        events = List.copyOf(events);
        defaulted = Set.copyOf(defaulted);
        if (rollback != Stage.LEGACY && rollback != Stage.SHADOW) {
            throw new PlanException("flow " + id + ": rollback must be LEGACY or SHADOW, was " + rollback);
        }
    }
}
