package io.cutover.consumers.compare;

import java.util.Map;
import java.util.Objects;

/**
 * What one {@link ComparisonJob#run()} did.
 *
 * @param legacyRead effects taken from the legacy source (the journal, in both modes)
 * @param shadowRead effects taken from the shadow source (0 in calibration)
 * @param concluded  results written or rewritten by this run, per outcome (a missing effect that found its
 *                   counterpart counts under its new outcome)
 */
public record ComparisonRun(ComparisonMode mode, int legacyRead, int shadowRead, Map<Outcome, Integer> concluded) {

    public ComparisonRun {
        Objects.requireNonNull(mode, "mode");
        concluded = Map.copyOf(concluded);
    }

    public int concluded(Outcome outcome) {
        return concluded.getOrDefault(outcome, 0);
    }
}
