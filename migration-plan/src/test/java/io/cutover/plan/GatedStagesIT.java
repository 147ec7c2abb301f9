package io.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cutover.flags.Stage;
import io.cutover.flags.StageChange;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class GatedStagesIT {
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final GateSpec GATE = new GateSpec(4, 75, 0, Duration.ofSeconds(10), Duration.ofHours(1));
    private static ShadowRun shadow;

    @BeforeAll
    static void schemas(Database database) {
        shadow = new ShadowRun(database);
    }

    private static FlowPlan flow(String id, Stage rollback) {
        return new FlowPlan(id, 1, "award points", List.of("OrderConfirmed"), id, DeadLetterPolicy.DEFAULT, rollback, GATE,
                Optional.empty(), Set.of());
    }

    private static Plan plan(FlowPlan... flows) {
        return new Plan(Path.of("plan.yaml"), Path.of("catalog.yaml"), Optional.empty(), List.of(flows));
    }

    private static GatedStages stages(Plan plan, Instant now) {
        return GatedStages.of(shadow.dataSource(), shadow.flagsAt(now), plan, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aFlowWhoseEvidenceMeetsEveryConditionMovesToCanary() throws Exception {
        shadow.inShadow("points-ready", T0);
        shadow.fire("points-ready", T0.plusSeconds(60), 3, 1, Duration.ofSeconds(2));
        shadow.compare(T0.plus(Duration.ofMinutes(30)));
        shadow.deadLetter("points-ready", T0.plusSeconds(90), "REDRIVEN"); // resolved: not open
        GatedStages stages = stages(plan(flow("points-ready", Stage.LEGACY)), T0.plus(Duration.ofHours(2)));

        GateVerdict verdict = stages.verdict("points-ready");

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.evaluatedAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(verdict.checks()).extracting(c -> c.name() + " " + c.required() + " | " + c.observed()).containsExactly(
                "min-compared >= 4 | 4 since SHADOW at 2026-11-24 08:00:00Z",
                "min-match-rate >= 75 % | 75 % (3 of 4)",
                "max-open-dead-letters <= 0 | 0 parked (consumer points-ready)",
                "max-lag-p99 <= 10s | 2s",
                "min-observed >= 1h | 2h since SHADOW at 2026-11-24 08:00:00Z");
        StageChange change = stages.change("points-ready", Stage.canary(10), "shadow clean", "alice", false);
        assertThat(change.to()).isEqualTo(Stage.canary(10));
        assertThat(change.reason()).isEqualTo("shadow clean");
        assertThat(shadow.flagsAt(T0).stage("points-ready")).isEqualTo(Stage.canary(10));
    }

    @Test
    void aFailingGateRefusesCanaryAndCutoverUnlessForcedAndTheForcedMoveNamesTheFailingChecks() throws Exception {
        shadow.inShadow("points-young", T0);
        shadow.fire("points-young", T0.plusSeconds(60), 1, 2, Duration.ofSeconds(20));
        shadow.compare(T0.plus(Duration.ofMinutes(30)));
        shadow.deadLetter("points-young", T0.plusSeconds(70), "PARKED");
        GatedStages stages = stages(plan(flow("points-young", Stage.LEGACY)), T0.plus(Duration.ofMinutes(40)));

        assertThatThrownBy(() -> stages.change("points-young", Stage.CUTOVER, "looks fine", "alice", false))
                .isInstanceOfSatisfying(GateRefusedException.class, e -> {
                    assertThat(e.verdict().failing()).extracting(GateCheck::name).containsExactly("min-compared",
                            "min-match-rate", "max-open-dead-letters", "max-lag-p99", "min-observed");
                    assertThat(e.getMessage()).contains("min-match-rate requires >= 75 %, observed 33.33 % (1 of 3)",
                            "max-open-dead-letters requires <= 0, observed 1 parked (consumer points-young)",
                            "max-lag-p99 requires <= 10s, observed 20s", "min-observed requires >= 1h, observed 40m");
                });
        assertThat(shadow.flagsAt(T0).stage("points-young")).isEqualTo(Stage.SHADOW);
        assertThatThrownBy(() -> stages.change("points-young", Stage.canary(5), " ", "alice", true))
                .isInstanceOf(PlanException.class).hasMessageContaining("needs a reason");

        StageChange forced = stages.change("points-young", Stage.canary(5), "CEO demo", "alice", true);

        assertThat(forced.to()).isEqualTo(Stage.canary(5));
        assertThat(forced.reason()).startsWith("FORCED past failing gate checks (min-compared: requires >= 4, observed 3")
                .contains("; min-observed: requires >= 1h, observed 40m since SHADOW at 2026-11-24 08:00:00Z")
                .endsWith("): CEO demo");
        assertThat(shadow.flagsAt(T0).history("points-young")).last().extracting(StageChange::reason)
                .isEqualTo(forced.reason());
    }

    @Test
    void onlyEvidenceSinceTheFlowLastEnteredShadowCounts() throws Exception {
        shadow.inShadow("points-again", T0);
        shadow.fire("points-again", T0.plusSeconds(60), 0, 5, Duration.ofSeconds(1)); // the first, broken shadow run
        shadow.flagsAt(T0.plus(Duration.ofMinutes(10))).rollback("points-again", "mismatches", "ops");
        shadow.flagsAt(T0.plus(Duration.ofMinutes(20))).set("points-again", Stage.SHADOW, "fixed, comparing again", "ops");
        shadow.fire("points-again", T0.plus(Duration.ofMinutes(21)), 4, 0, Duration.ofSeconds(1));
        shadow.compare(T0.plus(Duration.ofMinutes(40)));

        GateVerdict verdict = stages(plan(flow("points-again", Stage.LEGACY)), T0.plus(Duration.ofHours(3)))
                .verdict("points-again");

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.checks()).extracting(GateCheck::observed).contains("100 % (4 of 4)",
                "2h 40m since SHADOW at 2026-11-24 08:20:00Z");
    }

    @Test
    void aFlowNeverInShadowOrWithoutAConsumerCannotPass() {
        shadow.flagsAt(T0).register("points-new", "planned", "ops");
        FlowPlan anonymous = new FlowPlan("points-new", 1, "award points", List.of("OrderConfirmed"), null,
                DeadLetterPolicy.DEFAULT, Stage.LEGACY, GATE, Optional.empty(), Set.of());

        GateVerdict verdict = stages(plan(anonymous), T0.plus(Duration.ofDays(9))).verdict("points-new");

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.checks()).extracting(c -> c.name() + ": " + c.observed()).containsExactly(
                "min-compared: 0 (never in SHADOW)",
                "min-match-rate: nothing compared",
                "max-open-dead-letters: unknown: the plan names no consumer for this flow",
                "max-lag-p99: no pair compared yet",
                "min-observed: never in SHADOW");
    }

    @Test
    void rollbackAlwaysGoesThroughToTheGivenStageOrThePlansRollbackStage() {
        shadow.inShadow("points-back", T0);
        GatedStages stages = stages(plan(flow("points-back", Stage.SHADOW)), T0.plusSeconds(5));
        stages.change("points-back", Stage.CUTOVER, "go", "alice", true);

        assertThat(stages.rollback("points-back", null, "mismatch spike", "bob").to()).isEqualTo(Stage.SHADOW);
        assertThat(stages.rollback("points-back", Stage.LEGACY, "all the way", "bob").to()).isEqualTo(Stage.LEGACY);
        // moving back by change() is never gated either
        assertThat(stages.change("points-back", Stage.SHADOW, "compare again", "bob", false).to()).isEqualTo(Stage.SHADOW);
    }

    @Test
    void aFlowOutsideThePlanCannotBeGatedForward() {
        shadow.flagsAt(T0).register("not-planned", "planned", "ops");
        GatedStages stages = stages(plan(flow("points-ready", Stage.LEGACY)), T0);

        assertThatThrownBy(() -> stages.change("not-planned", Stage.CUTOVER, "go", "alice", true))
                .isInstanceOf(PlanException.class).hasMessageContaining("flow 'not-planned' is not in the plan");
        assertThat(stages.rollback("not-planned", null, "just in case", "bob").to()).isEqualTo(Stage.LEGACY);
    }
}
