package io.cutover.consumers.compare;

/**
 * The one unchecked exception of the comparator: refused rules or configuration (the message names file, line and
 * field when there is one), and database failures of a comparison run (wrapping the {@link java.sql.SQLException}).
 */
public class ComparisonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ComparisonException(String message) {
        super(message);
    }

    public ComparisonException(String message, Throwable cause) {
        super(message, cause);
    }
}
