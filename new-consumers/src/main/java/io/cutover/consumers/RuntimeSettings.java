package io.cutover.consumers;

import java.time.Duration;
import java.util.Objects;

import io.cutover.consumers.spi.RetryDelays;

/**
 * How a {@link ConsumerRuntime} runs: immutable, validated when built, with messages that name the key.
 *
 * <table>
 * <tr><th>key</th><th>default</th><th></th></tr>
 * <tr><td>{@code workers}</td><td>{@value #DEFAULT_WORKERS}</td><td>threads; different partition keys run in parallel</td></tr>
 * <tr><td>{@code batch-size}</td><td>{@value #DEFAULT_BATCH_SIZE}</td><td>events read from the log at once</td></tr>
 * <tr><td>{@code max-in-flight}</td><td>{@value #DEFAULT_MAX_IN_FLIGHT}</td><td>read but not yet done, per consumer</td></tr>
 * <tr><td>{@code fallback-poll}</td><td>1 s</td><td>re-read the log this often even without a notification</td></tr>
 * <tr><td>{@code max-attempts}</td><td>{@value #DEFAULT_MAX_ATTEMPTS}</td><td>attempts before the dead letter</td></tr>
 * <tr><td>{@code backoff}</td><td>100 ms .. 30 s</td><td>exponential (factor 2) between attempts</td></tr>
 * <tr><td>{@code jitter}</td><td>{@value #DEFAULT_JITTER}</td><td>each delay varies randomly by this factor</td></tr>
 * </table>
 */
public final class RuntimeSettings {
    public static final int DEFAULT_WORKERS = 4;
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final int DEFAULT_MAX_IN_FLIGHT = 2000;
    public static final Duration DEFAULT_FALLBACK_POLL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_BACKOFF_MIN = Duration.ofMillis(100);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);
    public static final double DEFAULT_JITTER = 0.25;

    private final int workers;
    private final int batchSize;
    private final int maxInFlight;
    private final Duration fallbackPoll;
    private final int maxAttempts;
    private final Duration backoffMin;
    private final Duration backoffMax;
    private final double jitter;
    private final RetryDelays retryDelays;

    private RuntimeSettings(Builder b) {
        this.workers = b.workers;
        this.batchSize = b.batchSize;
        this.maxInFlight = b.maxInFlight;
        this.fallbackPoll = b.fallbackPoll;
        this.maxAttempts = b.maxAttempts;
        this.backoffMin = b.backoffMin;
        this.backoffMax = b.backoffMax;
        this.jitter = b.jitter;
        this.retryDelays = b.retryDelays;
    }

    public static RuntimeSettings ofDefaults() {
        return custom().build();
    }

    public static Builder custom() {
        return new Builder();
    }

    /** These settings with another number of attempts before the dead letter (e.g. one consumer's own). */
    public RuntimeSettings withMaxAttempts(int maxAttempts) {
        Builder copy = new Builder().workers(workers).batchSize(batchSize).maxInFlight(maxInFlight)
                .fallbackPoll(fallbackPoll).backoff(backoffMin, backoffMax).jitter(jitter).retryDelays(retryDelays);
        return copy.maxAttempts(maxAttempts).build();
    }

    public int workers() {
        return workers;
    }

    public int batchSize() {
        return batchSize;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public Duration fallbackPoll() {
        return fallbackPoll;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration backoffMin() {
        return backoffMin;
    }

    public Duration backoffMax() {
        return backoffMax;
    }

    public double jitter() {
        return jitter;
    }

    public RetryDelays retryDelays() {
        return retryDelays;
    }

    @Override
    public String toString() {
        return "RuntimeSettings[workers=" + workers + ", batch-size=" + batchSize + ", max-in-flight=" + maxInFlight
                + ", fallback-poll=" + fallbackPoll + ", max-attempts=" + maxAttempts + ", backoff=" + backoffMin
                + ".." + backoffMax + ", jitter=" + jitter + "]";
    }

    public static final class Builder {
        private int workers = DEFAULT_WORKERS;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private Duration fallbackPoll = DEFAULT_FALLBACK_POLL;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration backoffMin = DEFAULT_BACKOFF_MIN;
        private Duration backoffMax = DEFAULT_BACKOFF_MAX;
        private double jitter = DEFAULT_JITTER;
        private RetryDelays retryDelays = RetryDelays.asPlanned();

        private Builder() {
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        public Builder fallbackPoll(Duration fallbackPoll) {
            this.fallbackPoll = fallbackPoll;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder backoff(Duration min, Duration max) {
            this.backoffMin = min;
            this.backoffMax = max;
            return this;
        }

        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /** Tests: {@code planned -> Duration.ZERO}, so retries never really wait. */
        public Builder retryDelays(RetryDelays retryDelays) {
            this.retryDelays = retryDelays;
            return this;
        }

        public RuntimeSettings build() {
            check(workers >= 1 && workers <= 256, "workers must be between 1 and 256, was " + workers);
            check(batchSize >= 1, "batch-size must be >= 1, was " + batchSize);
            check(maxInFlight >= 1, "max-in-flight must be >= 1, was " + maxInFlight);
            check(fallbackPoll != null && !fallbackPoll.isNegative() && !fallbackPoll.isZero(),
                    "fallback-poll must be positive, was " + fallbackPoll);
            check(maxAttempts >= 1, "max-attempts must be >= 1, was " + maxAttempts);
            check(backoffMin != null && backoffMax != null && !backoffMin.isNegative() && !backoffMin.isZero()
                    && backoffMax.compareTo(backoffMin) > 0,
                    "backoff must be 0 < min < max, was " + backoffMin + ".." + backoffMax);
            check(jitter >= 0 && jitter <= 1, "jitter must be between 0 and 1, was " + jitter);
            Objects.requireNonNull(retryDelays, "retry-delays");
            return new RuntimeSettings(this);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new ConsumerException(message);
            }
        }
    }
}
