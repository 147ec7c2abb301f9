package io.cutover.consumers.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.cutover.bridge.EventEnvelope;

/**
 * A new consumer: the replacement of one legacy side effect. The runtime hands it each accepted event once its
 * predecessors of the same partition key are done, looks up the decision stamped for its {@link #firing} and calls
 * {@link #handle} with real ports (stamp {@code NEW}), recorders (stamp {@code SHADOW}) or not at all (legacy acted).
 *
 * <pre>{@code
 * Consumer points = Consumer.named("loyalty")
 *         .accepts(Accepts.of("OrderConfirmed", 1))
 *         .fires("loyalty-points", event -> event.data().get("order_id").asText())
 *         .handles((event, effects) -> effects.write(ledger, new PointsAwarded(...)));
 * }</pre>
 */
public interface Consumer {

    /** Unique per runtime database; keys checkpoints, idempotency marks and dead letters. */
    String name();

    Accepts accepts();

    /** The flow and occurrence key this event fires; empty when it fires nothing (the event is marked and passed). */
    Optional<Firing> firing(EventEnvelope event);

    /** The consumer's logic; every effect goes through {@code effects}. Deterministic for a given event. */
    void handle(EventEnvelope event, Effects effects) throws Exception;

    /** The logic of a consumer built with {@link #named}. */
    @FunctionalInterface
    interface Handler {
        void handle(EventEnvelope event, Effects effects) throws Exception;
    }

    static Builder named(String name) {
        return new Builder(name);
    }

    /** Builds the common case: one flow, one occurrence key per event. */
    final class Builder {
        private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
        private final String name;
        private Accepts accepts;
        private Function<EventEnvelope, Optional<Firing>> firing;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("consumer name '" + name + "' must match " + NAME.pattern());
            }
            this.name = name;
        }

        public Builder accepts(Accepts accepts) {
            this.accepts = Objects.requireNonNull(accepts, "accepts");
            return this;
        }

        /** Every accepted event fires {@code flow} under the key {@code occurrenceKey} computes. */
        public Builder fires(String flow, Function<EventEnvelope, String> occurrenceKey) {
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(occurrenceKey, "occurrenceKey");
            this.firing = event -> Optional.of(new Firing(flow, occurrenceKey.apply(event)));
            return this;
        }

        /** The general form: an event may fire nothing, or a flow chosen from its data. */
        public Builder firing(Function<EventEnvelope, Optional<Firing>> firing) {
            this.firing = Objects.requireNonNull(firing, "firing");
            return this;
        }

        public Consumer handles(Handler handler) {
            Objects.requireNonNull(handler, "handler");
            if (accepts == null) {
                throw new IllegalArgumentException("consumer " + name + ": accepts(...) is required");
            }
            if (firing == null) {
                throw new IllegalArgumentException("consumer " + name + ": fires(...) or firing(...) is required");
            }
            Accepts a = accepts;
            Function<EventEnvelope, Optional<Firing>> f = firing;
            return new Consumer() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public Accepts accepts() {
                    return a;
                }

                @Override
                public Optional<Firing> firing(EventEnvelope event) {
                    return f.apply(event);
                }

                @Override
                public void handle(EventEnvelope event, Effects effects) throws Exception {
                    handler.handle(event, effects);
                }

                @Override
                public String toString() {
                    return "Consumer[" + name + ", accepts " + a + "]";
                }
            };
        }
    }
}
