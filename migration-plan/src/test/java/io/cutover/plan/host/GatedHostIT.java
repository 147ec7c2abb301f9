package io.cutover.plan.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cutover.consumers.DeadLetter;
import io.cutover.flags.Stage;
import io.cutover.flags.StageChange;
import io.cutover.flags.shim.LegacyShim;
import io.cutover.plan.GateRefusedException;
import io.cutover.plan.GateVerdict;
import io.cutover.plan.PlanException;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

/** A host with a plan: the plan's flows are registered, its gates guard moves forward, rollbacks always pass. */
@WithPostgres
class GatedHostIT {
    @TempDir
    static Path dir;
    private static CutoverHost host;
    private static Database database;
    private static Parcels parcels;

    @BeforeAll
    static void start(Database db) throws Exception {
        database = db;
        Parcels.createTable(db.dataSource());
        Parcels.catalogFile(dir);
        Path plan = Files.writeString(dir.resolve("plan.yaml"), """
                catalog: parcels.yaml
                flows:
                  - id: courier-note
                    effect: hand the courier a note for the parcel
                    events: [ParcelDispatched]
                    consumer: courier-note
                    gate: {min-compared: 5, min-observed: 0s}
                  - id: parcel-label
                    effect: print the parcel's label
                    events: [ParcelDispatched]
                    consumer: parcel-label
                    dead-letters: {policy: park, max-attempts: 2}
                """);
        parcels = new Parcels(db.dataSource());
        host = CutoverHost.builder(settings(plan.toString()), db.dataSource()).consumers(parcels.consumers()).start();
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
    }

    private static HostSettings settings(String plan) {
        Map<String, String> config = new HashMap<>(Parcels.bridgeConfig(database, "gated"));
        config.put("cutover.plan", plan);
        return HostSettings.from(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void registersThePlansFlowsAndShowsTheirGates() {
        assertThat(host.gated()).isTrue();
        assertThat(host.flows()).extracting(FlowView::flow).contains(Parcels.NOTE_FLOW, Parcels.LABEL_FLOW);
        FlowView note = host.flows().stream().filter(f -> f.flow().equals(Parcels.NOTE_FLOW)).findFirst().orElseThrow();
        assertThat(note.gate()).hasValueSatisfying(gate -> {
            assertThat(gate.passed()).isFalse();
            assertThat(gate.failing()).extracting(check -> check.name()).contains("min-compared");
        });
    }

    @Test
    void refusesAMoveForwardThroughAFailingGateUnlessForcedAndAudited() {
        host.stageChanges().change(Parcels.NOTE_FLOW, Stage.SHADOW, "compare first", "alice", false);

        assertThatThrownBy(() -> host.stageChanges().change(Parcels.NOTE_FLOW, Stage.canary(10), "go", "alice", false))
                .isInstanceOfSatisfying(GateRefusedException.class, refused -> assertThat(refused.verdict().failing())
                        .extracting(check -> check.name()).contains("min-compared"));
        assertThat(host.flags().stage(Parcels.NOTE_FLOW)).isEqualTo(Stage.SHADOW);

        StageChange forced = host.stageChanges().change(Parcels.NOTE_FLOW, Stage.canary(10), "incident drill", "alice", true);
        assertThat(forced.to()).isEqualTo(Stage.canary(10));
        StageChange back = host.stageChanges().rollback(Parcels.NOTE_FLOW, Stage.LEGACY, "drill over", "alice");
        assertThat(back.to()).isEqualTo(Stage.LEGACY);
    }

    @Test
    void givesUpOnAFailingEventAfterThePlansAttemptsNotTheRuntimesDefault() throws Exception {
        host.stageChanges().change(Parcels.LABEL_FLOW, Stage.SHADOW, "compare the new label", "it", false);
        parcels.failingLabels.add("41");
        try (LegacyShim shim = LegacyShim.start(database.dataSource(), Duration.ofMillis(200), Clock.systemUTC())) {
            assertThat(shim.awaitReady(Duration.ofSeconds(10))).as("the shim read the flag store").isTrue();
            parcels.dispatch(shim, 41);
        }

        DeadLetter dead = await("the label's dead letter").atMost(Duration.ofSeconds(60))
                .until(() -> host.deadLetters(Parcels.LABEL_FLOW), letters -> letters.size() == 1).get(0);

        assertThat(dead.attempts()).as("the plan's max-attempts 2, not the runtime's 5").isEqualTo(2);
        assertThat(dead.error()).contains("label printer jammed");
    }

    @Test
    void refusesAPlanThatIsNotThere() {
        assertThatThrownBy(() -> settings(dir.resolve("missing.yaml").toString())).isInstanceOf(PlanException.class)
                .hasMessageStartingWith("cutover.plan: no such file");
    }

    @Test
    void takesCatalogAndComparatorFromThePlanUnlessConfigured() {
        HostSettings settings = settings(dir.resolve("plan.yaml").toString());

        assertThat(settings.catalog()).isEqualTo(dir.resolve("parcels.yaml").toAbsolutePath().normalize());
        assertThat(settings.comparator()).isEmpty();
        GateVerdict verdict = host.stageChanges().verdict(Parcels.LABEL_FLOW);
        assertThat(verdict.checks()).isNotEmpty();
    }
}
