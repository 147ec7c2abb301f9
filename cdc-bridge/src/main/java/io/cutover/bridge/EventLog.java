package io.cutover.bridge;

import java.time.Clock;
import java.util.List;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import io.cutover.bridge.internal.PostgresEventLog;

/**
 * The append-only, globally ordered log of domain events. Exactly-once by event id: appending an event whose id is
 * already in the log is a no-op, so at-least-once delivery from the WAL becomes exactly-once in the log. Room for a
 * Kafka-backed implementation later; PostgreSQL is the default.
 */
public interface EventLog extends AutoCloseable {

    /**
     * Appends the events atomically, in order; ids already in the log (and repeats within the batch) are skipped.
     *
     * @return how many were new
     */
    int append(List<EventEnvelope> events);

    /** Up to {@code max} events with {@code sequence >= fromSequence}, oldest first; empty when there are none. */
    List<LoggedEvent> readFrom(long fromSequence, int max);

    /** The sequence of the newest event, 0 for an empty log. */
    long headSequence();

    /**
     * Calls {@code onAppend} with the new head sequence after every append that added events (from any process), so a
     * consumer need not poll blindly. The listener runs on the subscription's own thread; close the subscription to stop.
     */
    Subscription tail(LongConsumer onAppend);

    /**
     * Releases what the log keeps open (the PostgreSQL log keeps one connection for appends); it stays usable and
     * reopens on demand. The bridge never closes the log it was given: whoever made it does.
     */
    @Override
    default void close() {
    }

    /** A live tail; closing it stops the notifications. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** The log in {@code cutover.event_log}; run {@link BridgeSchema#migrate(DataSource)} first. */
    static EventLog postgres(DataSource dataSource, Clock clock) {
        return new PostgresEventLog(dataSource, clock);
    }
}
