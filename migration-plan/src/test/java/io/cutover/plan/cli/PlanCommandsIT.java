package io.cutover.plan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cutover.flags.FlagStore;
import io.cutover.flags.Stage;
import io.cutover.plan.ShadowRun;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

/** {@code stage}, {@code rollback} and {@code gate} under a plan, {@code lint} and {@code catalog}. */
@WithPostgres
class PlanCommandsIT {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SAMPLE = Path.of("../legacy-app/src/main/cutover/plan.yaml").toString();
    private static Database database;
    private static FlagStore flags;
    private static ShadowRun shadow;
    private CliRun cli;

    @TempDir
    Path dir;

    @BeforeAll
    static void flows(Database db) {
        database = db;
        shadow = new ShadowRun(db);
        flags = FlagStore.jdbc(db.dataSource(), CLOCK);
        flags.register("confirmation-mail", "planned", "ops");
        flags.register("stock-reservation", "planned", "ops");
    }

    @BeforeEach
    void environmentPointsAtTheDatabase() {
        cli = new CliRun(database, CLOCK);
    }

    @Test
    void aMoveThePlansGateRefusesExitsWithOneAndListsTheFailingChecksUnlessForced() {
        assertThat(cli.cutover("stage", "confirmation-mail", "SHADOW", "--reason", "start comparing", "--plan", SAMPLE)).isZero();

        assertThat(cli.cutover("stage", "confirmation-mail", "CUTOVER", "--reason", "go", "--plan", SAMPLE)).isEqualTo(1);
        assertThat(cli.err()).contains("cutover: flow confirmation-mail not moved: its readiness gate fails",
                "  FAIL  min-compared           required >= 200, observed 0 since SHADOW at 2026-11-24 10:00:00Z",
                "  FAIL  min-observed           required >= 3d, observed 0ms since SHADOW",
                "add --force").doesNotContain("max-open-dead-letters");
        assertThat(flags.stage("confirmation-mail")).isEqualTo(Stage.SHADOW);

        cli.environment.put("CUTOVER_PLAN", SAMPLE);
        assertThat(cli.cutover("stage", "confirmation-mail", "CUTOVER", "--reason", "go", "--force")).isZero();
        assertThat(cli.out()).contains("SHADOW -> CUTOVER  by alice: FORCED past failing gate checks (min-compared:"
                + " requires >= 200, observed 0", "): go");
        assertThat(flags.stage("confirmation-mail")).isEqualTo(Stage.CUTOVER);
    }

    @Test
    void gatePrintsTheVerdictAndAPassingGateLetsTheFlowMove() throws Exception {
        Instant shadowSince = NOW.minus(Duration.ofHours(2));
        FlagStore earlier = FlagStore.jdbc(database.dataSource(), Clock.fixed(shadowSince, ZoneOffset.UTC));
        earlier.register("loyalty-points", "planned", "ops");
        earlier.set("loyalty-points", Stage.SHADOW, "start comparing", "ops");
        shadow.fire("loyalty-points", shadowSince.plusSeconds(60), 2, 0, Duration.ofMillis(1500));
        shadow.compare(shadowSince.plus(Duration.ofMinutes(30)));
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "catalog: " + Path.of("../legacy-app/src/main/cutover/catalog.yaml").toAbsolutePath() + "\n"
                + "flows:\n  - id: loyalty-points\n    effect: award points\n    events: [OrderConfirmed]\n"
                + "    consumer: loyalty-points\n"
                + "    gate: {min-compared: 2, min-match-rate: 100, max-lag-p99: 10s, min-observed: 1h}\n");

        assertThat(cli.cutover("gate", "loyalty-points", "--plan", plan.toString())).isZero();
        assertThat(cli.out()).contains("gate of loyalty-points at 2026-11-24 10:00:00Z: passes",
                "  ok    min-match-rate         required >= 100 %, observed 100 % (2 of 2)",
                "  ok    max-lag-p99            required <= 10s, observed 1.5s");
        assertThat(cli.cutover("stage", "loyalty-points", "CANARY 10%", "--reason", "gate passed", "--plan", plan.toString()))
                .isZero();
        assertThat(cli.out()).contains("SHADOW -> CANARY 10%  by alice: gate passed");

        assertThat(cli.cutover("gate", "confirmation-mail", "--plan", plan.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("flow 'confirmation-mail' is not in the plan");
        assertThat(cli.cutover("gate", "stock-reservation", "--plan", SAMPLE)).isEqualTo(1);
        assertThat(cli.out()).contains("gate of stock-reservation at 2026-11-24 10:00:00Z: FAILS (4 of 5 checks)",
                "  ok    max-open-dead-letters  required <= 0, observed 0 parked (consumer stock-reservation)",
                "  FAIL  min-observed           required >= 3d, observed never in SHADOW");
    }

    @Test
    void rollbackGoesToThePlansStageAndABrokenPlanNeverHoldsItBack() throws IOException {
        cli.cutover("stage", "stock-reservation", "CUTOVER", "--reason", "go");

        assertThat(cli.cutover("rollback", "stock-reservation", "--reason", "stock drift", "--plan", SAMPLE)).isZero();
        assertThat(cli.out()).contains("CUTOVER -> SHADOW  by alice: stock drift");

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "catalog: nowhere.yaml\n");
        assertThat(cli.cutover("rollback", "stock-reservation", "--reason", "all the way", "--plan", broken.toString())).isZero();
        assertThat(cli.err()).contains("the plan cannot be used", "nowhere.yaml", "rolling back to LEGACY");
        assertThat(flags.stage("stock-reservation")).isEqualTo(Stage.LEGACY);
    }

    @Test
    void forceWithoutAPlanAndABrokenPlanAreWrongRequests() throws IOException {
        assertThat(cli.cutover("stage", "stock-reservation", "CUTOVER", "--reason", "go", "--force")).isEqualTo(2);
        assertThat(cli.err()).contains("--force overrides a plan's readiness gate");

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "catalog: nowhere.yaml\n");
        assertThat(cli.cutover("stage", "stock-reservation", "CUTOVER", "--reason", "go", "--plan", broken.toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains(broken + ":1: catalog: file not found");
    }

    @Test
    void lintPrintsFindingsBySeverityAndFailsOnErrors() throws IOException {
        assertThat(cli.cutover("lint", "--plan", SAMPLE)).isZero();
        assertThat(cli.out()).contains("INFO ", "[consumer] flow confirmation-mail: consumer confirmation-mail is"
                + " idempotent", "0 errors, 0 warnings, 6 notes");

        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "catalog: " + Path.of("../legacy-app/src/main/cutover/catalog.yaml").toAbsolutePath() + "\n"
                + "flows:\n  - id: refund\n    effect: refund the card\n    events: [OrderRefunded]\n");
        assertThat(cli.cutover("lint", "--plan", plan.toString())).isEqualTo(1);
        assertThat(cli.out()).containsPattern("(?s)ERROR .*plan.yaml:3: \\[events\\] flow refund is triggered by"
                + " OrderRefunded, which the catalog catalog.yaml does not publish.*WARN .*\\[dead-letters\\].*INFO ")
                .contains("[consumer] flow refund names no consumer", "2 errors, 3 warnings, 2 notes");

        assertThat(cli.cutover("lint")).isEqualTo(2);
        assertThat(cli.err()).contains("no plan given: pass --plan FILE or set CUTOVER_PLAN");
    }

    @Test
    void catalogPrintsTheEventTableOrTheDiagram() {
        assertThat(cli.cutover("catalog", "--plan", SAMPLE)).isZero();
        assertThat(cli.out()).startsWith("# Event catalog").contains("| OrderShipped | 1 |", "```mermaid");

        assertThat(cli.cutover("catalog", "--plan", SAMPLE, "--format", "mermaid")).isZero();
        assertThat(cli.out()).startsWith("flowchart LR\n").contains("event_OrderShipped --> consumer_warehouse_notification");

        assertThat(cli.cutover("catalog", "--plan", SAMPLE, "--format", "svg")).isEqualTo(2);
        assertThat(cli.err()).contains("Invalid value for option '--format'");
    }
}
