package io.cutover.bridge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.cutover.bridge.internal.CaptureSetup;

/**
 * Operator access to the database's logical replication slots, without a running bridge: what each slot holds back,
 * and the decommissioning of a bridge that will not run again (a forgotten slot retains WAL until the disk is full).
 */
public final class ReplicationSlots {

    /** A bridge's slot and publication are named {@code cutover_<bridge>} unless configured otherwise. */
    public static final String DEFAULT_NAME_PREFIX = "cutover_";

    private final DataSource dataSource;

    public ReplicationSlots(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every logical slot of this database, the most WAL retained first. */
    public List<ReplicationSlot> list() {
        return query("", null);
    }

    /** One slot of this database (health checks ask often: read just that row). */
    public Optional<ReplicationSlot> find(String slot) {
        return query(" and slot_name = ?", slot).stream().findFirst();
    }

    private List<ReplicationSlot> query(String condition, String parameter) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select slot_name, plugin, database, active, active_pid,"
                     + " confirmed_flush_lsn::text, coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn), 0)::bigint,"
                     + " wal_status from pg_replication_slots where slot_type = 'logical' and database = current_database()"
                     + condition + " order by 7 desc, 1")) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            List<ReplicationSlot> slots = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    slots.add(new ReplicationSlot(name, rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            (Integer) rs.getObject(5), rs.getString(6), rs.getLong(7), rs.getString(8),
                            name.startsWith(DEFAULT_NAME_PREFIX) ? name.substring(DEFAULT_NAME_PREFIX.length()) : null));
                }
            }
            return slots;
        } catch (SQLException e) {
            throw new BridgeException("cannot read pg_replication_slots: " + e.getMessage(), e);
        }
    }

    /**
     * Decommissions a stopped bridge: drops its slot (waiting up to {@code wait} for a walsender to let go), its
     * publication and its stored offsets. The event log stays. A later start of a bridge of that name begins afresh.
     *
     * @throws IllegalArgumentException when the slot does not exist
     * @throws BridgeException          when the slot is still in use after {@code wait}
     */
    public void decommission(String bridge, String slot, String publication, Duration wait) {
        if (find(slot).isEmpty()) {
            throw new IllegalArgumentException("there is no replication slot '" + slot + "' in this database;"
                    + " `cutover slot status` lists them");
        }
        try (Connection c = dataSource.getConnection()) {
            CaptureSetup.decommission(c, slot, publication, bridge, wait.toMillis());
        } catch (SQLException e) {
            if ("55006".equals(e.getSQLState())) {
                throw new BridgeException("replication slot '" + slot + "' is still in use (a bridge is reading it):"
                        + " stop that bridge first, or wait longer", e);
            }
            throw new BridgeException("cannot decommission bridge " + bridge + ": " + e.getMessage(), e);
        }
    }
}
