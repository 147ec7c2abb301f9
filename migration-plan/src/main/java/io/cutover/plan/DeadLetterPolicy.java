package io.cutover.plan;

/**
 * What happens to an event the flow's consumer cannot handle: {@code park} (the only policy the consumer runtime
 * has) retries it {@code maxAttempts} times with backoff, then parks it in {@code cutover.consumer_dead_letter}, and
 * later events of the same key wait behind it until an operator redrives or skips it.
 */
public record DeadLetterPolicy(String policy, int maxAttempts) {

    public static final String PARK = "park";
    /** As the consumer runtime's default ({@code RuntimeSettings.DEFAULT_MAX_ATTEMPTS}). */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final DeadLetterPolicy DEFAULT = new DeadLetterPolicy(PARK, DEFAULT_MAX_ATTEMPTS);

    public DeadLetterPolicy {
        if (!PARK.equals(policy)) {
            throw new PlanException("unknown dead-letter policy '" + policy + "', expected park");
        }
        if (maxAttempts < 1) {
            throw new PlanException("max-attempts must be at least 1, was " + maxAttempts);
        }
    }

    @Override
    public String toString() {
        return policy + " after " + maxAttempts + " attempts";
    }
}
