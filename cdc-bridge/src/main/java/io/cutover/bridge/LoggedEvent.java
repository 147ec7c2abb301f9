package io.cutover.bridge;

import java.time.Instant;
import java.util.Objects;

/** An event as stored in the log: its global position and when it was appended. */
public record LoggedEvent(long sequence, Instant appendedAt, EventEnvelope envelope) {
    public LoggedEvent {
        Objects.requireNonNull(appendedAt, "appendedAt");
        Objects.requireNonNull(envelope, "envelope");
    }
}
