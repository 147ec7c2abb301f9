package io.cutover.plan.host;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

/** Waits for a condition without sleeping blindly (Failsafe: this module's tests have no Awaitility). */
final class Eventually {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Eventually() {
    }

    /** Probes every 100 ms until {@code done} holds; fails naming {@code what} and the last value after a minute. */
    static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
        RetryPolicy<T> untilDone = RetryPolicy.<T>builder()
                .handleResultIf(value -> !done.test(value))
                .withDelay(Duration.ofMillis(100))
                .withMaxDuration(TIMEOUT)
                .withMaxRetries(-1)
                .build();
        T last = Failsafe.with(untilDone).get(probe::get);
        if (!done.test(last)) {
            throw new AssertionError("waited " + TIMEOUT.toSeconds() + " s for " + what + "; last seen: " + last);
        }
        return last;
    }
}
