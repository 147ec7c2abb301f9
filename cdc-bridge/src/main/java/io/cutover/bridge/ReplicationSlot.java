package io.cutover.bridge;

/**
 * A logical replication slot of the database, as an operator needs to see it.
 *
 * @param lagBytes WAL the slot holds back: {@code pg_current_wal_lsn() - confirmed_flush_lsn}
 * @param walStatus PostgreSQL's verdict on the retained WAL: reserved, extended, unreserved or lost
 * @param bridge    the Cutover bridge whose default slot name ({@code cutover_<bridge>}) this is, or null
 */
public record ReplicationSlot(String name, String plugin, String database, boolean active, Integer activePid,
                              String confirmedFlushLsn, long lagBytes, String walStatus, String bridge) {
}
