package io.cutover.flags;

/** The flag store could not be read or written (database down, schema missing, ...). */
public class FlagStoreUnavailableException extends FlagsException {
    public FlagStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
