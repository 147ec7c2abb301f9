package io.cutover.bridge;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A catalog was refused. {@link #problems()} lists every problem found (not only the first), each with file, line,
 * field and reason, so an operator can fix them in one go.
 */
public class CatalogException extends BridgeException {

    /** One reason a catalog was refused; {@code line} is 1-based, 0 when unknown. */
    public record Problem(String file, int line, String field, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + field + ": " + reason;
        }
    }

    private final List<Problem> problems;

    public CatalogException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        return "event catalog refused (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n  "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  "));
    }
}
