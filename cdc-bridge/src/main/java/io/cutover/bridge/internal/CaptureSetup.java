package io.cutover.bridge.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cutover.bridge.BridgeStartupException;

/**
 * What the database needs before Debezium may run, done by the bridge itself: REPLICA IDENTITY FULL on the captured
 * tables, a publication of exactly those tables, and the slot. The slot is created here, synchronously, so every row
 * committed after {@code Bridge.start} returns is captured (a slot Debezium creates later would miss the rows
 * committed in between).
 */
public final class CaptureSetup {
    /** Always captured besides the catalog's tables: its heartbeat rows keep the slot moving. */
    public static final String HEARTBEAT_TABLE = "cutover.bridge_heartbeat";
    private static final Logger LOG = LoggerFactory.getLogger(CaptureSetup.class);

    private CaptureSetup() {
    }

    /** Refuses (or, when {@code set}, fixes) catalog tables whose updates and deletes would lack before-images. */
    public static void requireReplicaIdentityFull(Connection c, Collection<String> tables, boolean set) throws SQLException {
        List<String> lacking = new ArrayList<>();
        for (String table : tables) {
            String[] p = table.split("\\.", 2);
            try (PreparedStatement ps = c.prepareStatement("select c.relreplident from pg_class c join pg_namespace n"
                    + " on n.oid = c.relnamespace where n.nspname = ? and c.relname = ?")) {
                ps.setString(1, p[0]);
                ps.setString(2, p[1]);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new BridgeStartupException("table " + table + " of the event catalog does not exist");
                    }
                    if (!"f".equals(rs.getString(1))) {
                        lacking.add(table);
                    }
                }
            }
        }
        if (lacking.isEmpty()) {
            return;
        }
        if (!set) {
            StringBuilder sql = new StringBuilder();
            lacking.forEach(t -> sql.append("\n  ALTER TABLE ").append(t).append(" REPLICA IDENTITY FULL;"));
            throw new BridgeStartupException("table" + (lacking.size() == 1 ? " " : "s ") + String.join(", ", lacking)
                    + (lacking.size() == 1 ? " lacks" : " lack") + " REPLICA IDENTITY FULL: updates would carry no before-image"
                    + " (transitions cannot be seen) and deletes only placeholder values. Run:" + sql
                    + "\nor start the bridge with cutover.bridge.set-replica-identity=true.");
        }
        try (Statement st = c.createStatement()) {
            for (String t : lacking) {
                LOG.info("setting REPLICA IDENTITY FULL on {} (cutover.bridge.set-replica-identity=true)", t);
                st.execute("alter table " + quote(t) + " replica identity full");
            }
        }
    }

    /** Creates the publication, or resets its table list when the catalog changed; never FOR ALL TABLES. */
    public static void ensurePublication(Connection c, String publication, Collection<String> catalogTables) throws SQLException {
        Set<String> wanted = new TreeSet<>(catalogTables);
        wanted.add(HEARTBEAT_TABLE);
        String list = String.join(", ", wanted.stream().map(CaptureSetup::quote).toList());
        Set<String> current = null;
        boolean allTables = false;
        try (PreparedStatement ps = c.prepareStatement("select puballtables from pg_publication where pubname = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    allTables = rs.getBoolean(1);
                    current = new TreeSet<>();
                }
            }
        }
        if (allTables) {
            throw new BridgeStartupException("publication " + publication + " is FOR ALL TABLES; the bridge publishes only its"
                    + " catalog's tables. Drop it (DROP PUBLICATION " + publication + ";) or configure another name.");
        }
        try (Statement st = c.createStatement()) {
            if (current == null) {
                st.execute("create publication " + publication + " for table " + list);
                LOG.info("created publication {} for {}", publication, wanted);
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select schemaname || '.' || tablename from pg_publication_tables where pubname = ?")) {
                ps.setString(1, publication);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        current.add(rs.getString(1));
                    }
                }
            }
            if (!current.equals(wanted)) {
                st.execute("alter publication " + publication + " set table " + list);
                LOG.info("publication {} now covers {} (was {})", publication, wanted, current);
            }
        }
    }

    /**
     * Creates the pgoutput slot when missing (before the engine runs: without offsets Debezium streams from the slot's
     * position, so nothing committed after this call is lost; a slot the engine made itself would come later). Refuses
     * when offsets are stored but their slot is gone (that WAL is lost; Debezium would fail with "Last recorded offset is
     * no longer available"), or when the slot is not a pgoutput slot of this database.
     */
    public static void ensureSlot(Connection c, String slot, String bridge) throws SQLException {
        boolean exists = false;
        try (PreparedStatement ps = c.prepareStatement(
                "select plugin, database, slot_type from pg_replication_slots where slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    if (!"pgoutput".equals(rs.getString(1)) || !c.getCatalog().equals(rs.getString(2))) {
                        throw new BridgeStartupException("replication slot " + slot + " exists but is a " + rs.getString(3)
                                + " slot of plugin " + rs.getString(1) + " on database " + rs.getString(2) + "; the bridge needs a"
                                + " pgoutput slot on " + c.getCatalog() + ". Configure another cutover.bridge.slot.");
                    }
                    exists = true;
                }
            }
        }
        boolean hasOffsets = hasOffsets(c, bridge);
        if (!exists && hasOffsets) {
            throw new BridgeStartupException("bridge " + bridge + " has stored offsets but its replication slot " + slot
                    + " is gone: changes committed since the slot was dropped cannot be read any more. To start capturing"
                    + " from now on (accepting that gap), run:\n  DELETE FROM cutover.bridge_offset WHERE bridge = '" + bridge
                    + "';\nand start the bridge again.");
        }
        if (!exists) {
            try (PreparedStatement ps = c.prepareStatement("select lsn from pg_create_logical_replication_slot(?, 'pgoutput')")) {
                ps.setString(1, slot);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    LOG.info("created replication slot {} at {}", slot, rs.getString(1));
                }
            }
        }
    }

    static boolean hasOffsets(Connection c, String bridge) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from cutover.bridge_offset where bridge = ? limit 1")) {
            ps.setString(1, bridge);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Bytes of WAL the slot still holds back (pg_current_wal_lsn() - confirmed_flush_lsn); empty when there is no slot. */
    public static OptionalLong slotLagBytes(Connection c, String slot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint"
                + " from pg_replication_slots where slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Drops the slot (waiting up to {@code timeoutMs} for its walsender to let go), the publication and the offsets. */
    public static void decommission(Connection c, String slot, String publication, String bridge, long timeoutMs)
            throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            try (PreparedStatement ps = c.prepareStatement("select pg_drop_replication_slot(slot_name) from pg_replication_slots"
                    + " where slot_name = ?")) {
                ps.setString(1, slot);
                ps.execute();
                break;
            } catch (SQLException e) {
                if (!"55006".equals(e.getSQLState()) || System.nanoTime() > deadline) { // 55006: slot still active
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("drop publication if exists " + publication);
        }
        for (String table : new LinkedHashSet<>(List.of("cutover.bridge_offset", "cutover.bridge_heartbeat"))) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where bridge = ?")) {
                ps.setString(1, bridge);
                ps.execute();
            }
        }
    }

    /** schema.table -> "schema"."table" (names come from the validated catalog; quoting keeps case intact). */
    static String quote(String qualified) {
        String[] p = qualified.split("\\.", 2);
        return "\"" + p[0].replace("\"", "\"\"") + "\".\"" + p[1].replace("\"", "\"\"") + "\"";
    }
}
