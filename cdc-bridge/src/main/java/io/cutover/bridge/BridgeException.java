package io.cutover.bridge;

/** Root of the cdc-bridge module's exceptions; unchecked, {@code SQLException}s are wrapped at the boundary. */
public class BridgeException extends RuntimeException {
    public BridgeException(String message) {
        super(message);
    }

    public BridgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
