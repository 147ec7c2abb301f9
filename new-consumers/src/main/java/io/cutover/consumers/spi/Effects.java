package io.cutover.consumers.spi;

import java.time.Instant;

/**
 * What a consumer performs its effects through. When the new path owns the firing the ports act; in a shadow run the
 * same calls only record effect descriptors, so the consumer's logic is the same in both and never asks which it is.
 */
public interface Effects {

    /** Writes {@code effect} in the transaction of the idempotency mark (new path), or records it (shadow). */
    <E> void write(DatabasePort<E> port, E effect) throws Exception;

    /** Calls the outside system through the outbox with an idempotency key (new path), or records it (shadow). */
    <E> void call(OutsidePort<E> port, E effect) throws Exception;

    /** The runtime's clock: effects stamped with it are reproducible in tests. */
    Instant now();
}
