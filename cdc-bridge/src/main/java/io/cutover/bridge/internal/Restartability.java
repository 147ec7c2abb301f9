package io.cutover.bridge.internal;

import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * Which failures of a running bridge a restart can cure. Lost connections, a PostgreSQL restart or failover and an
 * unwritable event log are worth restarting for; a slot that is gone (or lost the WAL the bridge needs) and an executor
 * that refuses work are not: restarting would fail the same way forever.
 */
public final class Restartability {
    private Restartability() {
    }

    /**
     * Empty when a restart may cure {@code failure}; otherwise why it cannot and what to do, for the operator.
     */
    public static Optional<String> permanent(Throwable failure, String bridge, String slot) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof RejectedExecutionException) {
                return Optional.of("bridge " + bridge + " cannot restart: its executor refused to run the engine ("
                        + t.getMessage() + "); it is shut down or saturated. Start the bridge again once it takes work.");
            }
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("last recorded offset is no longer available") // Debezium: stored offset older than the slot
                    || m.contains("replication slot") && m.contains("does not exist") // PostgreSQL on START_REPLICATION
                    || m.contains("can no longer get changes from replication slot") // PG 13+: invalidated by max_slot_wal_keep_size
                    || m.contains("has already been removed")) { // a WAL segment the slot needed
                return Optional.of(slotLost(bridge, slot) + " (" + t.getMessage() + ")");
            }
        }
        return Optional.empty();
    }

    /** The slot, or the WAL it held for the bridge, is gone: what was committed since is lost for capture. */
    public static String slotLost(String bridge, String slot) {
        return "bridge " + bridge + " cannot resume: its replication slot " + slot + " is gone or no longer holds the WAL"
                + " after the bridge's last offset, so changes committed since cannot be read any more; restarting will not"
                + " help. To capture from now on (accepting that gap), run:\n  DELETE FROM cutover.bridge_offset WHERE bridge = '"
                + bridge + "';\nand start the bridge again (it creates a new slot).";
    }
}
