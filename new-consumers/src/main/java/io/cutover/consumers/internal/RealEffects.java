package io.cutover.consumers.internal;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cutover.consumers.spi.DatabasePort;
import io.cutover.consumers.spi.Effects;
import io.cutover.consumers.spi.OutsidePort;

/** The new path acts: database effects join the idempotency transaction, outside calls go through the outbox. */
final class RealEffects implements Effects {
    private static final Logger LOG = LoggerFactory.getLogger(RealEffects.class);

    private final Connection transaction;
    private final Store store;
    private final String consumer;
    private final UUID eventId;
    private final Clock clock;
    private final Stats stats;
    private int calls;

    RealEffects(Connection transaction, Store store, String consumer, UUID eventId, Clock clock, Stats stats) {
        this.transaction = transaction;
        this.store = store;
        this.consumer = consumer;
        this.eventId = eventId;
        this.clock = clock;
        this.stats = stats;
    }

    @Override
    public <E> void write(DatabasePort<E> port, E effect) throws Exception {
        port.write(transaction, effect);
    }

    /**
     * The n-th call of this event's handling is identified by (consumer, event, n): the consumer's logic is
     * deterministic, so an attempt after a crash or failure makes the same calls in the same order.
     */
    @Override
    public <E> void call(OutsidePort<E> port, E effect) throws Exception {
        int index = calls++;
        String key = idempotencyKey(consumer, eventId, index);
        // committed before the call: after a crash the intent shows that the call may have happened
        Store.Intent intent = store.intend(consumer, eventId, index, port.name(), key, port.describe(effect).toString());
        if (intent.completed()) {
            return; // an earlier attempt made this call and recorded it; later steps failed
        }
        if (intent.attempts() > 1) {
            stats.uncertainResend();
            LOG.warn("consumer {}: repeating {} call {} whose earlier attempt has no recorded outcome (attempt {});"
                    + " the receiver sees the same idempotency key", consumer, port.name(), key, intent.attempts());
        }
        port.call(effect, key);
        store.complete(consumer, eventId, index);
    }

    static String idempotencyKey(String consumer, UUID eventId, int index) {
        return consumer + ":" + eventId + ":" + index;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }
}
