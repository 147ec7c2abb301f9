package io.cutover.bridge;

/**
 * The bridge refused to start: the database is not ready for capture (REPLICA IDENTITY, offsets that outlive their
 * slot, publication owned by someone else...) or the engine failed to start. The message says what to do.
 */
public class BridgeStartupException extends BridgeException {
    public BridgeStartupException(String message) {
        super(message);
    }

    public BridgeStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
