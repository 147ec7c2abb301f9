package io.cutover.plan.host;

import java.util.Optional;

/**
 * The bridge's replication slot as PostgreSQL reports it ({@code pg_replication_slots}).
 *
 * @param active            whether a walsender (the bridge's engine) is streaming from it now
 * @param lagBytes          {@code pg_current_wal_lsn() - confirmed_flush_lsn}: WAL the slot holds back
 * @param confirmedFlushLsn the position the bridge has confirmed
 * @param walStatus         {@code reserved}, {@code extended}, {@code unreserved} or {@code lost}
 */
public record SlotStatus(String slot, boolean exists, boolean active, Optional<Long> lagBytes,
                         Optional<String> confirmedFlushLsn, Optional<String> walStatus) {
}
