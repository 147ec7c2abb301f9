package io.cutover.consumers;

/**
 * The consumer accepts the event's type but not its version: no retry can help, so the event goes straight to the
 * dead letters (and parks its key) until a consumer that accepts the version is deployed and the event redriven.
 */
public class EventNotAcceptedException extends ConsumerException {
    public EventNotAcceptedException(String message) {
        super(message);
    }
}
