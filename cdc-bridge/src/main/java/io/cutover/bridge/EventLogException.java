package io.cutover.bridge;

/** The event log could not be read or written. */
public class EventLogException extends BridgeException {
    public EventLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
