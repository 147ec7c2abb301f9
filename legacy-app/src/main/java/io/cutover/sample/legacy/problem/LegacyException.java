package io.cutover.sample.legacy.problem;

/**
 * Root of the app's own exceptions. Each one knows how it is reported to an HTTP client
 * (see {@link LegacyExceptionMapper}); anything else that escapes a resource is a 500.
 * Being unchecked, any of them thrown from a {@code @Transactional} method rolls the transaction back.
 */
public abstract class LegacyException extends RuntimeException {

    protected LegacyException(String message) {
        super(message);
    }

    protected LegacyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** HTTP status the API answers with. */
    public abstract int status();

    /** Short, stable slug naming the kind of problem ({@code validation-failed}, ...). */
    public abstract String problemType();

    /** Human-readable summary of the kind of problem. */
    public abstract String title();

    /** What the client is told about this occurrence; {@link #getMessage()} (for the log) unless that leaks internals. */
    public String detail() {
        return getMessage();
    }
}
