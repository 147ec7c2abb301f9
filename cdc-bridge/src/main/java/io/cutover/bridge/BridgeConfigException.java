package io.cutover.bridge;

/** A {@link BridgeConfig} value is missing or invalid; the message names the key. */
public class BridgeConfigException extends BridgeException {
    public BridgeConfigException(String message) {
        super(message);
    }
}
