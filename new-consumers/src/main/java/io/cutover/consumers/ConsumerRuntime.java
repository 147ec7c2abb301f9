package io.cutover.consumers;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.cutover.bridge.EventLog;
import io.cutover.consumers.internal.Engine;
import io.cutover.consumers.spi.Consumer;

/**
 * Runs consumers against the event log: from each consumer's checkpoint, then on the live tail ({@code LISTEN}, with a
 * bounded fallback poll), per partition key in order, different keys in parallel. Each event is done at most once per
 * consumer ({@code (consumer, event_id)} marked in the effect's transaction), and done the way its decision stamp says.
 *
 * <pre>{@code
 * ConsumerSchema.migrate(dataSource);
 * try (ConsumerRuntime runtime = ConsumerRuntime.builder(dataSource).consumer(points).start()) {
 *     runtime.metrics("loyalty");
 *     runtime.redrive("loyalty", eventId, "alice").join();
 * }
 * }</pre>
 */
public final class ConsumerRuntime implements AutoCloseable {
    private final Engine engine;
    /** The log the builder made (none given): closed with the runtime. */
    private final EventLog ownLog;

    private ConsumerRuntime(Engine engine, EventLog ownLog) {
        this.engine = engine;
        this.ownLog = ownLog;
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Retries a parked dead letter with the full retry policy; when it goes through, the later events of its key that
     * were parked behind it run in order (one that fails becomes the key's dead letter in turn). Completes with false
     * when the redriven event failed again (still parked).
     */
    public CompletableFuture<Boolean> redrive(String consumer, UUID eventId, String actor) {
        return engine.redrive(consumer, eventId, requireActor(actor));
    }

    /** Gives up on a parked dead letter for good, then releases the events parked behind it. */
    public CompletableFuture<Boolean> skip(String consumer, UUID eventId, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new ConsumerException("skipping a dead letter needs a reason");
        }
        return engine.skip(consumer, eventId, reason, requireActor(actor));
    }

    /**
     * Reads the log again from {@code sequence}. Events already done (marked) are passed over, so no effect is ever
     * repeated; the checkpoint moves back accordingly.
     *
     * @return the sequence the consumer reads from next
     */
    public long replayFrom(String consumer, long sequence) {
        return engine.replayFrom(consumer, sequence);
    }

    /** {@link #replayFrom(String, long)} from the first event appended to the log at or after {@code at}. */
    public long replayFrom(String consumer, Instant at) {
        return engine.replayFrom(consumer, Objects.requireNonNull(at, "at"));
    }

    /** The consumer's parked dead letters, oldest first. */
    public List<DeadLetter> deadLetters(String consumer) {
        return engine.deadLetters(consumer);
    }

    public ConsumerMetrics metrics(String consumer) {
        return engine.metrics(consumer);
    }

    public List<ConsumerMetrics> metrics() {
        return engine.consumers().stream().map(engine::metrics).toList();
    }

    /** Stops reading, lets the events in hand finish (for a few seconds), saves the checkpoints. */
    @Override
    public void close() {
        engine.close();
        if (ownLog != null) {
            ownLog.close();
        }
    }

    private static String requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new ConsumerException("operator calls name their actor");
        }
        return actor;
    }

    public static final class Builder {
        private final DataSource dataSource;
        private EventLog log;
        private Clock clock = Clock.systemUTC();
        private RuntimeSettings settings = RuntimeSettings.ofDefaults();
        private final List<Consumer> consumers = new ArrayList<>();
        private final Map<String, Integer> maxAttempts = new HashMap<>();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Default: {@code EventLog.postgres} on the same data source. */
        public Builder log(EventLog log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder settings(RuntimeSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder consumer(Consumer consumer) {
            consumers.add(Objects.requireNonNull(consumer, "consumer"));
            return this;
        }

        /**
         * Attempts before {@code consumer}'s failing events become dead letters, instead of the settings' (a flow's
         * dead-letter policy in its plan).
         */
        public Builder maxAttempts(String consumer, int attempts) {
            if (attempts < 1) {
                throw new ConsumerException("max-attempts of " + consumer + " must be >= 1, was " + attempts);
            }
            maxAttempts.put(Objects.requireNonNull(consumer, "consumer"), attempts);
            return this;
        }

        /** Reads the checkpoints and starts following the log; the tables must exist ({@link ConsumerSchema}). */
        public ConsumerRuntime start() {
            Set<String> names = consumers.stream().map(Consumer::name).collect(Collectors.toSet());
            maxAttempts.keySet().stream().filter(name -> !names.contains(name)).findFirst().ifPresent(name -> {
                throw new ConsumerException("max-attempts given for " + name + ", which is not a consumer of this"
                        + " runtime: " + new TreeSet<>(names));
            });
            EventLog eventLog = log != null ? log : EventLog.postgres(dataSource, clock);
            Engine engine = new Engine(dataSource, eventLog, clock, settings, List.copyOf(consumers),
                    Map.copyOf(maxAttempts));
            engine.start(eventLog);
            return new ConsumerRuntime(engine, log == null ? eventLog : null);
        }
    }
}
