package io.cutover.plan.host;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import io.cutover.plan.PlanException;

/** Reads one replication slot from {@code pg_replication_slots}. */
final class SlotQuery {

    private SlotQuery() {
    }

    static SlotStatus status(DataSource dataSource, String slot) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement query = c.prepareStatement("""
                     select active, pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint as lag,
                            confirmed_flush_lsn::text as confirmed, wal_status
                     from pg_replication_slots where slot_name = ?""")) {
            query.setString(1, slot);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return new SlotStatus(slot, false, false, Optional.empty(), Optional.empty(), Optional.empty());
                }
                long lag = rs.getLong("lag");
                Optional<Long> lagBytes = rs.wasNull() ? Optional.empty() : Optional.of(lag);
                return new SlotStatus(slot, true, rs.getBoolean("active"), lagBytes,
                        Optional.ofNullable(rs.getString("confirmed")), Optional.ofNullable(rs.getString("wal_status")));
            }
        } catch (SQLException e) {
            throw new PlanException("cannot read replication slot " + slot + ": " + e.getMessage(), e);
        }
    }
}
