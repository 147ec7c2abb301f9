package io.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.flags.FlagStoreUnavailableException;
import io.cutover.flags.Stage;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

/** A database with the flag store but without the comparator's and the runtime's tables: gates say so, never pass. */
@WithPostgres
class GateWithoutEvidenceTablesIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private static final FlowPlan POINTS = new FlowPlan("loyalty-points", 1, "award points", List.of("OrderConfirmed"),
            "loyalty-points", DeadLetterPolicy.DEFAULT, Stage.LEGACY, GateSpec.DEFAULTS,
            Optional.of(new AutoRevertSpec(OptionalLong.of(0), OptionalLong.empty())), Set.of());
    private static final Plan PLAN = new Plan(Path.of("plan.yaml"), Path.of("catalog.yaml"), Optional.empty(), List.of(POINTS));
    private static DataSource dataSource;
    private static FlagStore flags;

    @BeforeAll
    static void onlyTheFlagStore(Database database) {
        dataSource = database.dataSource();
        FlagStoreSchema.migrate(dataSource);
        flags = FlagStore.jdbc(dataSource, CLOCK);
        flags.register("loyalty-points", "planned", "ops");
        flags.set("loyalty-points", Stage.SHADOW, "start comparing", "ops");
    }

    @Test
    void theGateAndAutoRevertRefuseWithTheTablesTheyCannotRead() {
        GatedStages stages = GatedStages.of(dataSource, flags, PLAN, CLOCK);

        assertThatThrownBy(() -> stages.change("loyalty-points", Stage.CUTOVER, "go", "alice", false))
                .isInstanceOf(FlagStoreUnavailableException.class)
                .hasMessageContaining("cannot read the shadow comparisons of flow loyalty-points (are the consumer"
                        + " runtime's and the comparator's schemas installed?)");
        assertThat(flags.stage("loyalty-points")).isEqualTo(Stage.SHADOW);

        flags.set("loyalty-points", Stage.CUTOVER, "set by hand", "ops");
        assertThatThrownBy(() -> AutoRevert.of(dataSource, flags, stages, PLAN).check())
                .isInstanceOf(FlagStoreUnavailableException.class).hasMessageContaining("comparison_result");
        // the rollback switch needs none of those tables
        assertThat(stages.rollback("loyalty-points", null, "evidence missing", "bob").to()).isEqualTo(Stage.LEGACY);
    }
}
