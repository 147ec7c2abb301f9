package io.cutover.consumers.spi;

import java.time.Duration;

/**
 * Turns the backoff delay the retry policy planned into the delay actually waited. Real runtimes wait as planned;
 * tests pass {@code planned -> Duration.ZERO} (and may record the plan) so that they never really wait.
 */
@FunctionalInterface
public interface RetryDelays {

    Duration actual(Duration planned);

    static RetryDelays asPlanned() {
        return planned -> planned;
    }
}
