package io.cutover.consumers.shadow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

import javax.sql.DataSource;

import io.cutover.flags.CutoverSchema;

/**
 * Where shadow runs leave their effect descriptors ({@code cutover.shadow_effect}). {@link #record} takes the
 * caller's connection so that the record commits with the consumer's idempotency mark, or not at all.
 */
public final class ShadowEffects {

    private ShadowEffects() {
    }

    public static void migrate(DataSource dataSource) {
        CutoverSchema.migrate(dataSource, "shadow", "classpath:io/cutover/consumers/shadow/db");
    }

    /** Records the effect; a second record of the same event for the same firing is ignored. */
    public static void record(Connection transaction, ShadowEffect effect) throws SQLException {
        try (PreparedStatement insert = transaction.prepareStatement(
                "insert into cutover.shadow_effect (flow, occurrence_key, consumer, event_id, effect, recorded_at)"
                        + " values (?, ?, ?, ?, cast(? as jsonb), ?)"
                        + " on conflict (consumer, event_id, flow, occurrence_key) do nothing")) {
            insert.setString(1, effect.flow());
            insert.setString(2, effect.occurrenceKey());
            insert.setString(3, effect.consumer());
            insert.setObject(4, effect.eventId());
            insert.setString(5, effect.effect().toString());
            insert.setTimestamp(6, Timestamp.from(effect.recordedAt()));
            insert.executeUpdate();
        }
    }
}
