package io.cutover.plan.lint;

import java.util.Objects;

/**
 * One thing {@link PlanLint} found, where it is and what to do about it.
 *
 * @param rule    what was checked: {@code catalog}, {@code past-tense}, {@code payload}, {@code version},
 *                {@code correlation}, {@code events}, {@code consumer}, {@code dead-letters}, {@code rollback},
 *                {@code gate}, {@code auto-revert}, {@code comparator}
 * @param line    1-based; 0 when the problem is the file as a whole
 */
public record Finding(Severity severity, String rule, String file, int line, String message) {

    /** ERROR fails {@code cutover lint}; WARN should be fixed; INFO says what the configuration implies. */
    public enum Severity { ERROR, WARN, INFO }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return String.format("%-5s %s:%d: [%s] %s", severity, file, line, rule, message);
    }
}
