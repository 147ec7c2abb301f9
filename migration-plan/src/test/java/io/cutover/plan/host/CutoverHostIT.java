package io.cutover.plan.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cutover.bridge.Bridge;
import io.cutover.bridge.ReplicationSlot;
import io.cutover.bridge.ReplicationSlots;
import io.cutover.consumers.ConsumerException;
import io.cutover.consumers.DeadLetter;
import io.cutover.flags.Stage;
import io.cutover.flags.StageChange;
import io.cutover.flags.UnknownFlowException;
import io.cutover.flags.shim.LegacyShim;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class CutoverHostIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String RETURNS_FLOW = "returns-slip";

    @TempDir
    static Path dir;
    private static Database database;
    private static Parcels parcels;
    private static CutoverHost host;
    private static LegacyShim shim;

    @BeforeAll
    static void start(Database db) throws Exception {
        database = db;
        Parcels.createTable(db.dataSource());
        parcels = new Parcels(db.dataSource());
        host = CutoverHost.builder(settings("hostit", Parcels.NOTE_FLOW + ", " + Parcels.LABEL_FLOW + "," + RETURNS_FLOW),
                db.dataSource()).consumers(parcels.consumers()).start();
        host.stageChanges().change(Parcels.NOTE_FLOW, Stage.SHADOW, "compare the new note", "it", false);
        host.stageChanges().change(Parcels.LABEL_FLOW, Stage.SHADOW, "compare the new label", "it", false);
        shim = LegacyShim.start(db.dataSource(), Duration.ofMillis(200), Clock.systemUTC());
        assertThat(shim.awaitReady(Duration.ofSeconds(10))).as("shim read the flag store").isTrue();
    }

    @AfterAll
    static void stop() {
        if (shim != null) {
            shim.close();
        }
        if (host != null) {
            host.close();
        }
    }

    private static HostSettings settings(String bridge, String flows) throws Exception {
        Map<String, String> config = new HashMap<>(Parcels.bridgeConfig(database, bridge));
        config.put("cutover.catalog", Parcels.catalogFile(dir).toString());
        config.put("cutover.comparison.interval-ms", "200");
        config.put("cutover.comparison.settle-ms", "0");
        config.put("cutover.flows", flows);
        return HostSettings.from(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void capturesALegacyChangeRunsTheConsumerInShadowAndComparesItsEffect() throws Exception {
        parcels.dispatch(shim, 1);

        FlowView note = await("courier-note compared once").atMost(PATIENCE).until(() -> flow(Parcels.NOTE_FLOW),
                view -> view.compared() >= 1);

        assertThat(note.stage()).isEqualTo(Stage.SHADOW);
        assertThat(note.matchRate()).isEqualTo(1.0);
        assertThat(note.gate()).as("no plan, no gate").isEmpty();
        assertThat(host.consumer(Parcels.NOTE_FLOW).shadowRecorded()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void isLiveAndReadyWhileCaptureRunsAndTheFlagStoreAnswers() {
        HostHealth health = host.health();

        assertThat(health.bridge()).isEqualTo(Bridge.State.RUNNING);
        assertThat(health.live()).isTrue();
        assertThat(health.ready()).as("ready: %s", health).isTrue();
        ReplicationSlot slot = host.slot().orElseThrow();
        assertThat(slot.name()).isEqualTo("cutover_hostit");
        assertThat(slot.active()).isTrue();
        assertThat(slot.lagBytes()).isNotNegative();
    }

    @Test
    void rollbackIsAuditedWithItsActorAndReason() {
        host.stageChanges().change(RETURNS_FLOW, Stage.SHADOW, "try it", "alice", false);

        StageChange back = host.stageChanges().rollback(RETURNS_FLOW, Stage.LEGACY, "slips look wrong", "bob");

        assertThat(back.to()).isEqualTo(Stage.LEGACY);
        List<StageChange> history = host.history(RETURNS_FLOW);
        assertThat(history).last().satisfies(change -> {
            assertThat(change.from()).isEqualTo(Stage.SHADOW);
            assertThat(change.actor()).isEqualTo("bob");
            assertThat(change.reason()).isEqualTo("slips look wrong");
        });
        assertThat(host.stageChanges().verdict(RETURNS_FLOW).passed()).as("ungated: no checks").isTrue();
    }

    @Test
    void unknownFlowsAreRefused() {
        assertThatThrownBy(() -> host.history("no-such-flow")).isInstanceOf(UnknownFlowException.class);
        assertThatThrownBy(() -> host.stageChanges().rollback("no-such-flow", Stage.LEGACY, "why", "bob"))
                .isInstanceOf(UnknownFlowException.class);
    }

    @Test
    void aFailingEventIsParkedThenRedrivenOrSkippedByAnOperator() throws Exception {
        parcels.failingLabels.add("2");
        parcels.failingLabels.add("3");
        parcels.dispatch(shim, 2);
        parcels.dispatch(shim, 3);
        List<DeadLetter> dead = await("two parked labels").atMost(PATIENCE).until(() -> host.deadLetters(Parcels.LABEL_FLOW),
                letters -> letters.size() == 2);
        assertThat(dead).allSatisfy(letter -> {
            assertThat(letter.error()).contains("label printer jammed");
            assertThat(letter.state()).isEqualTo(DeadLetter.State.PARKED);
        });
        DeadLetter second = dead.stream().filter(d -> d.partitionKey().equals("2")).findFirst().orElseThrow();
        DeadLetter third = dead.stream().filter(d -> d.partitionKey().equals("3")).findFirst().orElseThrow();

        parcels.failingLabels.remove("2");
        assertThat(host.redrive(Parcels.LABEL_FLOW, second.eventId(), "carol")).isTrue();
        assertThat(host.skip(Parcels.LABEL_FLOW, third.eventId(), "printed by hand", "carol")).isTrue();

        assertThat(host.deadLetters(Parcels.LABEL_FLOW)).isEmpty();
        assertThatThrownBy(() -> host.redrive(Parcels.LABEL_FLOW, third.eventId(), "carol"))
                .isInstanceOf(UnknownConsumerException.class).hasMessageContaining("no parked dead letter");
    }

    @Test
    void operatorCallsNameARunningConsumer() {
        assertThatThrownBy(() -> host.deadLetters("printer")).isInstanceOf(UnknownConsumerException.class)
                .hasMessageContaining("no consumer named 'printer'").hasMessageContaining(Parcels.NOTE_FLOW);
        assertThatThrownBy(() -> host.redrive(Parcels.LABEL_FLOW, UUID.randomUUID(), "carol"))
                .isInstanceOf(UnknownConsumerException.class);
        assertThatThrownBy(() -> host.replayFrom("printer", 1)).isInstanceOf(UnknownConsumerException.class);
    }

    @Test
    void replayReadsTheLogAgainWithoutRepeatingDoneEvents() throws Exception {
        parcels.dispatch(shim, 4);
        await("parcel 4's note shadowed").atMost(PATIENCE).until(() -> host.consumer(Parcels.NOTE_FLOW).lagEvents(), lag -> lag == 0);
        long shadowed = host.consumer(Parcels.NOTE_FLOW).shadowRecorded();

        assertThat(host.replayFrom(Parcels.NOTE_FLOW, Instant.EPOCH)).isEqualTo(1);

        await("the replayed events passed over").atMost(PATIENCE).until(() -> host.consumer(Parcels.NOTE_FLOW),
                metrics -> metrics.lagEvents() == 0 && metrics.duplicates() >= 1);
        assertThat(host.consumer(Parcels.NOTE_FLOW).shadowRecorded()).isEqualTo(shadowed);
    }

    @Test
    void aSecondHostWithTheSameConsumersIsRefusedAndLeavesNothingRunning() throws Exception {
        assertThatThrownBy(() -> CutoverHost.builder(settings("hostit_twin", ""), database.dataSource())
                .consumers(parcels.consumers()).start())
                .isInstanceOf(ConsumerException.class).hasMessageContaining("already running");

        assertThat(host.slot().orElseThrow().active()).isTrue();
        assertThat(new ReplicationSlots(database.dataSource()).find("cutover_hostit_twin").orElseThrow().active())
                .as("the twin's bridge was stopped again").isFalse();
    }

    private static FlowView flow(String flow) {
        return host.flows().stream().filter(view -> view.flow().equals(flow)).findFirst().orElseThrow();
    }
}
