package io.cutover.consumers.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.LoggedEvent;
import io.cutover.consumers.ConsumerException;
import io.cutover.consumers.DeadLetter;
import io.cutover.consumers.Outcome;
import io.cutover.flags.Decision;

/** The runtime's SQL, in one place. Methods taking a Connection run in the caller's transaction. */
final class Store {
    private final ConnectionPool pool;
    private final Clock clock;

    Store(ConnectionPool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode, wrapping SQL failures. */
    <T> T autoCommit(String what, Work<T> work) {
        Connection c = null;
        try {
            c = pool.borrow();
            T result = work.run(c);
            pool.release(c);
            return result;
        } catch (SQLException e) {
            if (c != null) {
                pool.discard(c);
            }
            throw new ConsumerException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    long checkpoint(String consumer) {
        return autoCommit("read the checkpoint of " + consumer, c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into cutover.consumer_checkpoint"
                    + " (consumer, next_sequence, updated_at) values (?, 1, ?) on conflict (consumer) do nothing")) {
                insert.setString(1, consumer);
                insert.setTimestamp(2, now());
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement(
                    "select next_sequence from cutover.consumer_checkpoint where consumer = ?")) {
                select.setString(1, consumer);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    void saveCheckpoint(String consumer, long nextSequence) {
        autoCommit("save the checkpoint of " + consumer, c -> {
            try (PreparedStatement update = c.prepareStatement("update cutover.consumer_checkpoint"
                    + " set next_sequence = ?, updated_at = ? where consumer = ?")) {
                update.setLong(1, nextSequence);
                update.setTimestamp(2, now());
                update.setString(3, consumer);
                return update.executeUpdate();
            }
        });
    }

    boolean keyParked(Connection tx, String consumer, String partitionKey) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("select 1 from cutover.consumer_dead_letter"
                + " where consumer = ? and partition_key = ? and state = 'PARKED' limit 1")) {
            select.setString(1, consumer);
            select.setString(2, partitionKey);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    void park(Connection tx, String consumer, LoggedEvent event) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("insert into cutover.consumer_parked"
                + " (consumer, event_id, sequence, partition_key, parked_at) values (?, ?, ?, ?, ?)"
                + " on conflict (consumer, event_id) do nothing")) {
            insert.setString(1, consumer);
            insert.setObject(2, event.envelope().eventId());
            insert.setLong(3, event.sequence());
            insert.setString(4, event.envelope().partitionKey());
            insert.setTimestamp(5, now());
            insert.executeUpdate();
        }
    }

    void unpark(Connection tx, String consumer, UUID eventId) throws SQLException {
        try (PreparedStatement delete = tx.prepareStatement(
                "delete from cutover.consumer_parked where consumer = ? and event_id = ?")) {
            delete.setString(1, consumer);
            delete.setObject(2, eventId);
            delete.executeUpdate();
        }
    }

    List<Long> parkedSequences(String consumer, String partitionKey) {
        return autoCommit("read the parked events of " + consumer, c -> {
            try (PreparedStatement select = c.prepareStatement("select sequence from cutover.consumer_parked"
                    + " where consumer = ? and partition_key = ? order by sequence")) {
                select.setString(1, consumer);
                select.setString(2, partitionKey);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    Optional<Decision> stamp(Connection tx, String flow, String occurrenceKey) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("select decision from cutover.decision_stamp"
                + " where flow = ? and occurrence_key = ?")) {
            select.setString(1, flow);
            select.setString(2, occurrenceKey);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(Decision.valueOf(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /**
     * Inserts the idempotency mark; false when the event is already marked (done before, or by a concurrent
     * processor, whose insert this one waited for on the unique index).
     */
    boolean mark(Connection tx, String consumer, LoggedEvent event, Outcome outcome) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("insert into cutover.consumer_processed"
                + " (consumer, event_id, sequence, outcome, processed_at) values (?, ?, ?, ?, ?)"
                + " on conflict (consumer, event_id) do nothing")) {
            insert.setString(1, consumer);
            insert.setObject(2, event.envelope().eventId());
            insert.setLong(3, event.sequence());
            insert.setString(4, outcome.name());
            insert.setTimestamp(5, now());
            return insert.executeUpdate() == 1;
        }
    }

    void deadLetter(Connection tx, String consumer, LoggedEvent event, String error, int attempts) throws SQLException {
        EventEnvelope e = event.envelope();
        try (PreparedStatement insert = tx.prepareStatement("insert into cutover.consumer_dead_letter (consumer,"
                + " event_id, sequence, partition_key, event_type, event_version, event, error, attempts, state, dead_at)"
                + " values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, 'PARKED', ?) on conflict (consumer, event_id) do"
                + " update set error = excluded.error, attempts = consumer_dead_letter.attempts + excluded.attempts,"
                + " state = 'PARKED', dead_at = excluded.dead_at, resolved_at = null, resolved_by = null, resolution = null")) {
            insert.setString(1, consumer);
            insert.setObject(2, e.eventId());
            insert.setLong(3, event.sequence());
            insert.setString(4, e.partitionKey());
            insert.setString(5, e.type());
            insert.setInt(6, e.version());
            insert.setString(7, e.toJson());
            insert.setString(8, error);
            insert.setInt(9, attempts);
            insert.setTimestamp(10, now());
            insert.executeUpdate();
        }
        unpark(tx, consumer, e.eventId());
    }

    /** Ends a PARKED dead letter; false when it was not parked (resolved already). */
    boolean resolve(Connection tx, String consumer, UUID eventId, DeadLetter.State state, String actor,
                    String resolution) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("update cutover.consumer_dead_letter set state = ?,"
                + " resolved_at = ?, resolved_by = ?, resolution = ? where consumer = ? and event_id = ? and state = 'PARKED'")) {
            update.setString(1, state.name());
            update.setTimestamp(2, now());
            update.setString(3, actor);
            update.setString(4, resolution);
            update.setString(5, consumer);
            update.setObject(6, eventId);
            return update.executeUpdate() == 1;
        }
    }

    List<DeadLetter> deadLetters(String consumer, Optional<UUID> eventId) {
        return autoCommit("read the dead letters of " + consumer, c -> {
            try (PreparedStatement select = c.prepareStatement("select event_id, sequence, partition_key, event::text,"
                    + " error, attempts, state, dead_at from cutover.consumer_dead_letter where consumer = ?"
                    + (eventId.isPresent() ? " and event_id = ?" : " and state = 'PARKED'") + " order by sequence")) {
                select.setString(1, consumer);
                if (eventId.isPresent()) {
                    select.setObject(2, eventId.get());
                }
                List<DeadLetter> out = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DeadLetter(consumer, rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3),
                                EventEnvelope.fromJson(rs.getString(4)), rs.getString(5), rs.getInt(6),
                                DeadLetter.State.valueOf(rs.getString(7)), rs.getTimestamp(8).toInstant()));
                    }
                }
                return out;
            }
        });
    }

    /** The state and attempt number of an outside call after recording the intent of this attempt. */
    record Intent(boolean completed, int attempts) {
    }

    Intent intend(String consumer, UUID eventId, int callIndex, String port, String idempotencyKey, String effectJson) {
        return autoCommit("record the intent of call " + idempotencyKey, c -> {
            try (PreparedStatement upsert = c.prepareStatement("insert into cutover.consumer_outbox (consumer, event_id,"
                    + " call_index, port, idempotency_key, effect, state, attempts, intended_at)"
                    + " values (?, ?, ?, ?, ?, cast(? as jsonb), 'INTENT', 1, ?) on conflict (consumer, event_id, call_index)"
                    + " do update set attempts = consumer_outbox.attempts"
                    + " + case when consumer_outbox.state = 'INTENT' then 1 else 0 end"
                    + " returning state, attempts")) {
                upsert.setString(1, consumer);
                upsert.setObject(2, eventId);
                upsert.setInt(3, callIndex);
                upsert.setString(4, port);
                upsert.setString(5, idempotencyKey);
                upsert.setString(6, effectJson);
                upsert.setTimestamp(7, now());
                try (ResultSet rs = upsert.executeQuery()) {
                    rs.next();
                    return new Intent("COMPLETED".equals(rs.getString(1)), rs.getInt(2));
                }
            }
        });
    }

    void complete(String consumer, UUID eventId, int callIndex) {
        autoCommit("record the completion of a call of " + consumer, c -> {
            try (PreparedStatement update = c.prepareStatement("update cutover.consumer_outbox set state = 'COMPLETED',"
                    + " completed_at = ? where consumer = ? and event_id = ? and call_index = ?")) {
                update.setTimestamp(1, now());
                update.setString(2, consumer);
                update.setObject(3, eventId);
                update.setInt(4, callIndex);
                return update.executeUpdate();
            }
        });
    }

    /** The first sequence appended at or after {@code at}; one past the head when there is none. */
    long sequenceAt(Instant at) {
        return autoCommit("find the log position at " + at, c -> {
            try (PreparedStatement select = c.prepareStatement("select coalesce(min(sequence),"
                    + " (select coalesce(max(sequence), 0) + 1 from cutover.event_log))"
                    + " from cutover.event_log where appended_at >= ?")) {
                select.setTimestamp(1, Timestamp.from(at));
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
