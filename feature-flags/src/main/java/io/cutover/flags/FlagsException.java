package io.cutover.flags;

/** Root of the feature-flags module's exceptions. */
public class FlagsException extends RuntimeException {
    public FlagsException(String message) {
        super(message);
    }

    public FlagsException(String message, Throwable cause) {
        super(message, cause);
    }
}
