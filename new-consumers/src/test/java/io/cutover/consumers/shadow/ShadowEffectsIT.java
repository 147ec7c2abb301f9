package io.cutover.consumers.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class ShadowEffectsIT {

    private static Database database;

    @BeforeAll
    static void migrate(Database db) {
        database = db;
        ShadowEffects.migrate(db.dataSource());
    }

    @Test
    void aRedeliveredEventRecordsItsEffectOnceAndARolledBackOneNotAtAll() throws Exception {
        UUID event = UUID.randomUUID();
        ShadowEffect effect = new ShadowEffect("loyalty-points", "42", "points-consumer", event,
                new ObjectMapper().readTree("{\"points\":49}"), Instant.parse("2026-11-24T10:00:00Z"));
        try (Connection tx = database.connect()) {
            tx.setAutoCommit(false);
            ShadowEffects.record(tx, effect);
            ShadowEffects.record(tx, effect);
            tx.commit();
            ShadowEffects.record(tx, new ShadowEffect("loyalty-points", "43", "points-consumer", UUID.randomUUID(),
                    effect.effect(), effect.recordedAt()));
            tx.rollback();
        }

        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select occurrence_key, effect->>'points' from cutover.shadow_effect")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("42");
            assertThat(rows.getString(2)).isEqualTo("49");
            assertThat(rows.next()).isFalse();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
