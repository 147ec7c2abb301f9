package io.cutover.flags;

/** A stage value that does not exist, or a change the rules refuse. */
public class IllegalStageException extends FlagsException {
    public IllegalStageException(String message) {
        super(message);
    }
}
