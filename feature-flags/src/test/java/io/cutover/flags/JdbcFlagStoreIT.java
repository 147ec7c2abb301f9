package io.cutover.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class JdbcFlagStoreIT {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static FlagStore flags;
    private static Database database;

    @BeforeAll
    static void migrate(Database db) {
        database = db;
        FlagStoreSchema.migrate(db.dataSource());
        flags = FlagStore.jdbc(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aRegisteredFlowStartsOnTheLegacyPath() {
        FlowState state = flags.register("welcome-mail", "planned", "ops");

        assertThat(state.stage()).isEqualTo(Stage.LEGACY);
        assertThat(flags.stage("welcome-mail")).isEqualTo(Stage.LEGACY);
        assertThat(flags.register("welcome-mail", "again", "ops").revision()).isEqualTo(state.revision());
        assertThat(flags.flows()).extracting(FlowState::flow).contains("welcome-mail");
    }

    @Test
    void everyChangeIsAuditedWithWhoWhenFromToAndWhy() {
        flags.register("points", "planned", "ops");
        flags.set("points", Stage.SHADOW, "start comparing", "alice");
        flags.set("points", Stage.canary(25), "clean for a week", "alice");
        flags.set("points", Stage.CUTOVER, "canary clean", "bob");
        StageChange rollback = flags.rollback("points", "mismatch spike", "carol");

        assertThat(rollback.from()).isEqualTo(Stage.CUTOVER);
        assertThat(flags.stage("points")).isEqualTo(Stage.LEGACY);
        assertThat(flags.history("points"))
                .extracting(StageChange::from, StageChange::to, StageChange::actor, StageChange::reason)
                .containsExactly(
                        tuple(null, Stage.LEGACY, "ops", "planned"),
                        tuple(Stage.LEGACY, Stage.SHADOW, "alice", "start comparing"),
                        tuple(Stage.SHADOW, Stage.canary(25), "alice", "clean for a week"),
                        tuple(Stage.canary(25), Stage.CUTOVER, "bob", "canary clean"),
                        tuple(Stage.CUTOVER, Stage.LEGACY, "carol", "mismatch spike"));
        assertThat(flags.history("points")).extracting(StageChange::changedAt).containsOnly(NOW);
    }

    @Test
    void rollbackCanStopAtShadowButNeverMovesForward() {
        flags.register("stock", "planned", "ops");
        flags.set("stock", Stage.CUTOVER, "go", "ops");

        assertThat(flags.rollback("stock", Stage.SHADOW, "compare again", "ops").to()).isEqualTo(Stage.SHADOW);
        assertThatThrownBy(() -> flags.rollback("stock", Stage.CUTOVER, "sneaky", "ops"))
                .isInstanceOf(IllegalStageException.class).hasMessageContaining("LEGACY or SHADOW");
        assertThat(flags.stage("stock")).isEqualTo(Stage.SHADOW);
    }

    @Test
    void unknownFlowsAndMissingReasonsAreRefusedClearly() {
        flags.register("audit", "planned", "ops");

        assertThatThrownBy(() -> flags.set("no-such-flow", Stage.SHADOW, "why", "ops"))
                .isInstanceOf(UnknownFlowException.class)
                .hasMessageContaining("unknown flow 'no-such-flow'").hasMessageContaining("audit");
        assertThatThrownBy(() -> flags.history("no-such-flow")).isInstanceOf(UnknownFlowException.class);
        assertThatThrownBy(() -> flags.set("audit", Stage.SHADOW, " ", "ops"))
                .isInstanceOf(IllegalStageException.class).hasMessageContaining("reason is required");
        assertThat(flags.stage("audit")).isEqualTo(Stage.LEGACY);
    }

    @Test
    void theAuditCannotBeRewritten() throws SQLException {
        flags.register("warehouse", "planned", "ops");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("delete from cutover.flow_stage_change"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(flags.history("warehouse")).hasSize(1);
    }
}
