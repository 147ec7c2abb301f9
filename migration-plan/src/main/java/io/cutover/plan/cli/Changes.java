package io.cutover.plan.cli;

import io.cutover.flags.StageChange;
import io.cutover.plan.internal.Words;

final class Changes {

    private Changes() {
    }

    /** {@code 2026-11-24 10:00:00  confirmation-mail  LEGACY -> SHADOW  by alice: start comparing} */
    static String describe(StageChange change) {
        return String.format("%s  %s  %s -> %s  by %s: %s",
                Words.utc(change.changedAt()),
                change.flow(), change.from() == null ? "(registered)" : change.from(), change.to(), change.actor(),
                change.reason());
    }
}
