package io.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cutover.flags.FlagStore;
import io.cutover.flags.Stage;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class AutoRevertIT {
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final Instant STAGED = T0.plus(Duration.ofHours(1));
    private static final Instant NOW = T0.plus(Duration.ofHours(3));
    private static ShadowRun shadow;

    @BeforeAll
    static void schemas(Database database) {
        shadow = new ShadowRun(database);
    }

    private static FlowPlan flow(String id, Stage rollback, Long maxMismatches, Long maxDeadLetters) {
        Optional<AutoRevertSpec> limits = maxMismatches == null && maxDeadLetters == null ? Optional.empty()
                : Optional.of(new AutoRevertSpec(maxMismatches == null ? OptionalLong.empty() : OptionalLong.of(maxMismatches),
                        maxDeadLetters == null ? OptionalLong.empty() : OptionalLong.of(maxDeadLetters)));
        return new FlowPlan(id, 1, "award points", List.of("OrderConfirmed"), id, DeadLetterPolicy.DEFAULT, rollback,
                GateSpec.DEFAULTS, limits, Set.of());
    }

    /** SHADOW at T0, {@code stage} at T0 + 1h. */
    private static void staged(String flow, Stage stage) {
        shadow.inShadow(flow, T0);
        shadow.flagsAt(STAGED).set(flow, stage, "gate passed", "ops");
    }

    @Test
    void flowsPastTheirLimitsSinceEnteringTheirStageGoBackAndTheAuditSaysWhy() throws Exception {
        staged("canary-mismatching", Stage.canary(50));
        shadow.fire("canary-mismatching", T0.plus(Duration.ofMinutes(30)), 0, 2, Duration.ofSeconds(1)); // before CANARY
        shadow.fire("canary-mismatching", T0.plus(Duration.ofHours(2)), 5, 3, Duration.ofSeconds(1));
        staged("cutover-dying", Stage.CUTOVER);
        shadow.deadLetter("cutover-dying", T0.plus(Duration.ofMinutes(30)), "PARKED"); // before CUTOVER
        shadow.deadLetter("cutover-dying", T0.plus(Duration.ofHours(2)), "PARKED");
        shadow.deadLetter("cutover-dying", T0.plus(Duration.ofHours(2)), "REDRIVEN");
        shadow.deadLetter("cutover-dying", T0.plus(Duration.ofHours(2)), "SKIPPED");
        staged("canary-within-limits", Stage.canary(20));
        shadow.fire("canary-within-limits", T0.plus(Duration.ofHours(2)), 3, 1, Duration.ofSeconds(1));
        shadow.deadLetter("canary-within-limits", T0.plus(Duration.ofHours(2)), "PARKED");
        staged("cutover-without-limits", Stage.CUTOVER);
        shadow.deadLetter("cutover-without-limits", T0.plus(Duration.ofHours(2)), "PARKED");
        shadow.inShadow("shadow-mismatching", T0);
        shadow.fire("shadow-mismatching", T0.plus(Duration.ofHours(2)), 0, 4, Duration.ofSeconds(1));
        shadow.compare(T0.plus(Duration.ofMinutes(150)));
        Plan plan = new Plan(Path.of("plan.yaml"), Path.of("catalog.yaml"), Optional.empty(), List.of(
                flow("canary-mismatching", Stage.SHADOW, 0L, null),
                flow("cutover-dying", Stage.LEGACY, null, 2L),
                flow("canary-within-limits", Stage.LEGACY, 1L, 1L),
                flow("cutover-without-limits", Stage.LEGACY, null, null),
                flow("shadow-mismatching", Stage.LEGACY, 0L, 0L)));
        FlagStore flags = shadow.flagsAt(NOW);
        StageChanges changes = GatedStages.of(shadow.dataSource(), flags, plan, Clock.fixed(NOW, ZoneOffset.UTC));
        AutoRevert autoRevert = AutoRevert.of(shadow.dataSource(), flags, changes, plan);

        List<AutoRevert.Reverted> reverted = autoRevert.check();

        assertThat(reverted).extracting(r -> r.flow() + ": " + r.from() + " -> " + r.change().to() + " by "
                + r.change().actor() + ": " + r.change().reason()).containsExactlyInAnyOrder(
                "canary-mismatching: CANARY 50% -> SHADOW by cutover-auto-revert: auto-revert: 3 new mismatches since"
                        + " CANARY 50% at 2026-11-24 09:00:00Z (limit 0)",
                "cutover-dying: CUTOVER -> LEGACY by cutover-auto-revert: auto-revert: 3 new dead letters of consumer"
                        + " cutover-dying since CUTOVER at 2026-11-24 09:00:00Z (limit 2)");
        assertThat(flags.stage("canary-mismatching")).isEqualTo(Stage.SHADOW);
        assertThat(flags.stage("cutover-dying")).isEqualTo(Stage.LEGACY);
        assertThat(flags.stage("canary-within-limits")).isEqualTo(Stage.canary(20));
        assertThat(flags.stage("cutover-without-limits")).isEqualTo(Stage.CUTOVER);
        assertThat(flags.stage("shadow-mismatching")).isEqualTo(Stage.SHADOW);
        assertThat(autoRevert.check()).as("nothing left to revert").isEmpty();
    }
}
