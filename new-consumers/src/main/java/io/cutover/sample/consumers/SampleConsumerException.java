package io.cutover.sample.consumers;

/** The one unchecked exception of the sample's consumers; the runtime retries it, then dead-letters the event. */
public class SampleConsumerException extends RuntimeException {
    public SampleConsumerException(String message) {
        super(message);
    }

    public SampleConsumerException(String message, Throwable cause) {
        super(message, cause);
    }
}
