package io.cutover.plan;

/** A plan file that cannot be used, or a plan rule that refuses an operation; the message says which and why. */
public class PlanException extends RuntimeException {

    public PlanException(String message) {
        super(message);
    }

    public PlanException(String message, Throwable cause) {
        super(message, cause);
    }
}
