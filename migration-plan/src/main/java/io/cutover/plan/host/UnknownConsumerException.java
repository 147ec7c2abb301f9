package io.cutover.plan.host;

import io.cutover.plan.PlanException;

/** An operation named a consumer that does not run in this host, or a dead letter that consumer does not hold. */
public class UnknownConsumerException extends PlanException {

    public UnknownConsumerException(String message) {
        super(message);
    }
}
