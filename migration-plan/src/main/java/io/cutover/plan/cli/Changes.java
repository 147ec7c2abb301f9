package io.cutover.plan.cli;

import java.time.format.DateTimeFormatter;

import io.cutover.flags.StageChange;

final class Changes {

    private Changes() {
    }

    /** {@code 2026-11-24 10:00:00  confirmation-mail  LEGACY -> SHADOW  by alice: start comparing} */
    static String describe(StageChange change) {
        return String.format("%s  %s  %s -> %s  by %s: %s",
                DateTimeFormatter.ISO_INSTANT.format(change.changedAt()).substring(0, 19).replace('T', ' '),
                change.flow(), change.from() == null ? "(registered)" : change.from(), change.to(), change.actor(),
                change.reason());
    }
}
