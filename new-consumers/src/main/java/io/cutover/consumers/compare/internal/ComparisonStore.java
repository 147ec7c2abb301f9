package io.cutover.consumers.compare.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.cutover.consumers.compare.ComparisonMode;
import io.cutover.consumers.compare.Outcome;
import io.cutover.consumers.compare.spi.RecordedEffect;

/** The SQL of a comparison run, on the caller's connection and transaction. */
public final class ComparisonStore {

    private final Connection connection;
    private final String mode;

    public ComparisonStore(Connection connection, ComparisonMode mode) {
        this.connection = connection;
        this.mode = mode.name();
    }

    /** Serialises runs of one mode across processes, until the transaction ends. */
    public void lock() throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "cutover.comparison." + mode);
            lock.execute();
        }
    }

    public long checkpoint(String source) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select position from cutover.comparison_checkpoint where mode = ? and source = ?")) {
            select.setString(1, mode);
            select.setString(2, source);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0L;
            }
        }
    }

    public void saveCheckpoint(String source, long position) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "insert into cutover.comparison_checkpoint (mode, source, position) values (?, ?, ?)"
                        + " on conflict (mode, source) do update set position = excluded.position")) {
            upsert.setString(1, mode);
            upsert.setString(2, source);
            upsert.setLong(3, position);
            upsert.executeUpdate();
        }
    }

    /**
     * Adds effects to the pending set; one already pending or already in a result is skipped (a re-delivery).
     * Returns how many were added.
     */
    public int addPending(String side, List<RecordedEffect> effects) throws SQLException {
        // in calibration both result columns hold journal ids
        String known = !"SHADOW".equals(mode) ? "(r.legacy_id = ? or r.shadow_id = ?)"
                : PendingEffect.SHADOW.equals(side) ? "r.shadow_id = ?" : "r.legacy_id = ?";
        int added = 0;
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into cutover.comparison_pending"
                        + " (mode, side, source_id, flow, occurrence_key, effect, recorded_at)"
                        + " select ?, ?, ?, ?, ?, cast(? as jsonb), ?"
                        + " where not exists (select 1 from cutover.comparison_result r where r.mode = ? and "
                        + known + ") on conflict do nothing")) {
            for (RecordedEffect effect : effects) {
                int i = 0;
                insert.setString(++i, mode);
                insert.setString(++i, side);
                insert.setLong(++i, effect.id());
                insert.setString(++i, effect.flow());
                insert.setString(++i, effect.occurrenceKey());
                insert.setString(++i, effect.effect().toString());
                insert.setTimestamp(++i, Timestamp.from(effect.recordedAt()));
                insert.setString(++i, mode);
                insert.setLong(++i, effect.id());
                if (!"SHADOW".equals(mode)) {
                    insert.setLong(++i, effect.id());
                }
                insert.addBatch();
            }
            for (int count : insert.executeBatch()) {
                added += Math.max(count, 0);
            }
        }
        return added;
    }

    /** Pending effects of these firings, oldest first within each firing. */
    public List<PendingEffect> pendingOf(Collection<String[]> firings) throws SQLException {
        List<PendingEffect> pending = new ArrayList<>();
        if (firings.isEmpty()) {
            return pending;
        }
        String[] flows = new String[firings.size()];
        String[] keys = new String[firings.size()];
        int i = 0;
        for (String[] firing : firings) {
            flows[i] = firing[0];
            keys[i++] = firing[1];
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select p.side, p.source_id, p.flow, p.occurrence_key, p.effect::text, p.recorded_at, p.result_id"
                        + " from cutover.comparison_pending p"
                        + " join unnest(?::text[], ?::text[]) as f(flow, occurrence_key)"
                        + " on p.flow = f.flow and p.occurrence_key = f.occurrence_key"
                        + " where p.mode = ? order by p.flow, p.occurrence_key, p.recorded_at, p.source_id")) {
            Array flowArray = connection.createArrayOf("text", flows);
            Array keyArray = connection.createArrayOf("text", keys);
            select.setArray(1, flowArray);
            select.setArray(2, keyArray);
            select.setString(3, mode);
            readPending(select, pending);
        }
        return pending;
    }

    /** Pending effects not yet reported, recorded at or before the instant. */
    public List<PendingEffect> unresolvedBefore(Instant recordedBefore) throws SQLException {
        List<PendingEffect> pending = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select side, source_id, flow, occurrence_key, effect::text, recorded_at, result_id"
                        + " from cutover.comparison_pending where mode = ? and result_id is null and recorded_at <= ?"
                        + " order by recorded_at, source_id")) {
            select.setString(1, mode);
            select.setTimestamp(2, Timestamp.from(recordedBefore));
            readPending(select, pending);
        }
        return pending;
    }

    private static void readPending(PreparedStatement select, List<PendingEffect> into) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                into.add(new PendingEffect(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                        json(rows.getString(5)), rows.getTimestamp(6).toInstant(), rows.getObject(7, Long.class)));
            }
        }
    }

    public void removePending(PendingEffect effect) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from cutover.comparison_pending where mode = ? and side = ? and source_id = ?")) {
            delete.setString(1, mode);
            delete.setString(2, effect.side());
            delete.setLong(3, effect.sourceId());
            delete.executeUpdate();
        }
    }

    /** Writes the result of a pair: rewrites the row of a side already reported missing, else inserts one. */
    public void savePair(PendingEffect legacy, PendingEffect shadow, Outcome outcome, JsonNode diff, long lagMillis,
                         Instant comparedAt) throws SQLException {
        removePending(legacy);
        removePending(shadow);
        Long existing = legacy.resultId() != null ? legacy.resultId() : shadow.resultId();
        if (legacy.resultId() != null && shadow.resultId() != null) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from cutover.comparison_result where id = ?")) {
                delete.setLong(1, shadow.resultId());
                delete.executeUpdate();
            }
        }
        String sql = existing == null
                ? "insert into cutover.comparison_result (outcome, diff, legacy_id, legacy_recorded_at, shadow_id,"
                        + " shadow_recorded_at, lag_ms, compared_at, mode, flow, occurrence_key)"
                        + " values (?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : "update cutover.comparison_result set outcome = ?, diff = cast(? as jsonb), legacy_id = ?,"
                        + " legacy_recorded_at = ?, shadow_id = ?, shadow_recorded_at = ?, lag_ms = ?,"
                        + " compared_at = ? where id = ?";
        try (PreparedStatement write = connection.prepareStatement(sql)) {
            write.setString(1, outcome.name());
            write.setString(2, diff == null ? null : diff.toString());
            write.setLong(3, legacy.sourceId());
            write.setTimestamp(4, Timestamp.from(legacy.recordedAt()));
            write.setLong(5, shadow.sourceId());
            write.setTimestamp(6, Timestamp.from(shadow.recordedAt()));
            write.setLong(7, lagMillis);
            write.setTimestamp(8, Timestamp.from(comparedAt));
            if (existing == null) {
                write.setString(9, mode);
                write.setString(10, legacy.flow());
                write.setString(11, legacy.occurrenceKey());
            } else {
                write.setLong(9, existing);
            }
            write.executeUpdate();
        }
    }

    /** Reports a lone effect missing on the other side, and keeps it pending for late pairing. */
    public void saveMissing(PendingEffect effect, Instant comparedAt) throws SQLException {
        boolean legacy = effect.isLegacy();
        long resultId;
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into cutover.comparison_result (mode, flow, occurrence_key, outcome, "
                        + (legacy ? "legacy_id, legacy_recorded_at" : "shadow_id, shadow_recorded_at")
                        + ", compared_at) values (?, ?, ?, ?, ?, ?, ?) returning id")) {
            insert.setString(1, mode);
            insert.setString(2, effect.flow());
            insert.setString(3, effect.occurrenceKey());
            insert.setString(4, (legacy ? Outcome.MISSING_IN_NEW : Outcome.MISSING_IN_LEGACY).name());
            insert.setLong(5, effect.sourceId());
            insert.setTimestamp(6, Timestamp.from(effect.recordedAt()));
            insert.setTimestamp(7, Timestamp.from(comparedAt));
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                resultId = id.getLong(1);
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update cutover.comparison_pending set result_id = ? where mode = ? and side = ? and source_id = ?")) {
            update.setLong(1, resultId);
            update.setString(2, mode);
            update.setString(3, effect.side());
            update.setLong(4, effect.sourceId());
            update.executeUpdate();
        }
    }

    /** Stops considering effects recorded before the instant for pairing; their results stay as they are. */
    public int forgetBefore(Instant recordedBefore) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from cutover.comparison_pending where mode = ? and recorded_at < ?")) {
            delete.setString(1, mode);
            delete.setTimestamp(2, Timestamp.from(recordedBefore));
            return delete.executeUpdate();
        }
    }

    private static JsonNode json(String text) throws SQLException {
        try {
            return TableSource.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable effect in cutover.comparison_pending: " + e.getMessage(), e);
        }
    }
}
