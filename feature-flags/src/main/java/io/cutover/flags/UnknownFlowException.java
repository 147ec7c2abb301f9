package io.cutover.flags;

/** A flow id that the flag store does not know. */
public class UnknownFlowException extends FlagsException {
    public UnknownFlowException(String message) {
        super(message);
    }
}
