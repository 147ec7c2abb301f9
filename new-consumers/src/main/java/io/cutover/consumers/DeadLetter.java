package io.cutover.consumers;

import java.time.Instant;
import java.util.UUID;

import io.cutover.bridge.EventEnvelope;

/**
 * An event a consumer gave up on: the last error, how many attempts were made, and the event itself. While it is
 * {@code PARKED}, later events of the same partition key wait behind it.
 */
public record DeadLetter(String consumer, UUID eventId, long sequence, String partitionKey, EventEnvelope event,
                         String error, int attempts, State state, Instant deadAt) {

    public enum State { PARKED, REDRIVEN, SKIPPED }
}
