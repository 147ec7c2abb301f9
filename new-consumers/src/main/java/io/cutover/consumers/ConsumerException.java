package io.cutover.consumers;

/** Root of the new-consumers module's exceptions; unchecked, {@code SQLException}s are wrapped at the boundary. */
public class ConsumerException extends RuntimeException {
    public ConsumerException(String message) {
        super(message);
    }

    public ConsumerException(String message, Throwable cause) {
        super(message, cause);
    }
}
