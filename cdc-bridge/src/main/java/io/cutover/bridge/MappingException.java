package io.cutover.bridge;

/** A row change could not be turned into events (malformed or unmappable row); the bridge dead-letters it. */
public class MappingException extends BridgeException {
    public MappingException(String message) {
        super(message);
    }
}
