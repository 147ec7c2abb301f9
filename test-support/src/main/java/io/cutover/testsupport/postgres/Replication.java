package io.cutover.testsupport.postgres;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;

import java.sql.Connection;
import java.time.Duration;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Slot and publication clean-up shared by {@link Database}, {@link ThrowawayPostgres} and the extension. */
final class Replication {
    /** SQLSTATE object_in_use: the slot's walsender has not exited yet. */
    private static final String OBJECT_IN_USE = "55006";
    private static final long DROP_TIMEOUT_MS = 15_000;

    private Replication() {
    }

    /** Logical slot names of {@code database}; {@code c} may be connected to any database of the server. */
    static Set<String> slots(Connection c, String database) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select slot_name from pg_replication_slots where database = ? order by slot_name")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** Publication names of the database {@code c} is connected to. */
    static Set<String> publications(Connection c) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select pubname from pg_publication order by pubname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * Drops the slots of {@code database} (not in {@code keepSlots}) and, when {@code c} is connected to that database,
     * its publications (not in {@code keepPublications}).
     */
    static void dropSlotsAndPublications(Connection c, String database, Set<String> keepSlots, Set<String> keepPublications)
            throws SQLException {
        for (String slot : slots(c, database)) {
            if (!keepSlots.contains(slot)) {
                dropSlot(c, slot);
            }
        }
        if (database.equals(c.getCatalog())) {
            List<String> drop = new ArrayList<>(publications(c));
            drop.removeAll(keepPublications);
            try (Statement st = c.createStatement()) {
                for (String pub : drop) {
                    st.execute("drop publication if exists " + Identifiers.quote(pub));
                }
            }
        }
    }

    /** Terminates the walsender holding the slot (a consumer may reconnect, so repeat) and drops the slot. */
    static void dropSlot(Connection c, String slot) throws SQLException {
        boolean waitingTerminate = c.getMetaData().getDatabaseMajorVersion() >= 14;
        // the terminated walsender releases the slot on its way out: "in use" for a moment
        RetryPolicy<Object> whileInUse = RetryPolicy.builder()
                .handleIf(e -> e instanceof SQLException sql && OBJECT_IN_USE.equals(sql.getSQLState()))
                .withDelay(Duration.ofMillis(50))
                .withMaxDuration(Duration.ofMillis(DROP_TIMEOUT_MS))
                .withMaxRetries(-1)
                .build();
        try {
            Failsafe.with(whileInUse).run(() -> {
                Integer pid = activePid(c, slot);
                if (pid == null && !exists(c, slot)) {
                    return; // dropped concurrently
                }
                if (pid != null) {
                    try (PreparedStatement ps = c.prepareStatement(
                            waitingTerminate ? "select pg_terminate_backend(?, 5000)" : "select pg_terminate_backend(?)")) {
                        ps.setInt(1, pid);
                        ps.execute();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("select pg_drop_replication_slot(?)")) {
                    ps.setString(1, slot);
                    ps.execute();
                }
            });
        } catch (FailsafeException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    private static Integer activePid(Connection c, String slot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select active_pid from pg_replication_slots where slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                int pid = rs.getInt(1);
                return rs.wasNull() ? null : pid;
            }
        }
    }

    private static boolean exists(Connection c, String slot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from pg_replication_slots where slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
