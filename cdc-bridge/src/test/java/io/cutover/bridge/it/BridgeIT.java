package io.cutover.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cutover.bridge.Bridge;
import io.cutover.bridge.BridgeConfig;
import io.cutover.bridge.BridgeSchema;
import io.cutover.bridge.BridgeStartupException;
import io.cutover.bridge.CatalogException;
import io.cutover.bridge.EventCatalog;
import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.EventLog;
import io.cutover.bridge.EventLogException;
import io.cutover.bridge.LoggedEvent;
import io.cutover.bridge.internal.Json;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

/** Real PostgreSQL, real Debezium: row changes in, domain events out. */
@WithPostgres
class BridgeIT {

    private final Database db;

    BridgeIT(Database db) {
        this.db = db;
    }

    @AfterAll
    static void dropSlots(Database db) {
        db.dropReplicationSlotsAndPublications();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Bridge start(Depot depot) {
        return Bridge.start(depot.config().build(), depot.catalog(), depot.log(), Clock.systemUTC());
    }

    @Test
    void everyCatalogMappingArrivesInTheLogIncludingTransitionsAndMultiEventRows() {
        Depot depot = new Depot(db, "parcel", true);
        try (Bridge bridge = start(depot)) {
            Instant before = Instant.now().minusSeconds(1);
            depot.sql("insert into " + depot.qualified + " values (1, 'north', 'PACKED', 12.30, 'R-1', '2026-11-24 08:15:30.123456')",
                    "update " + depot.qualified + " set state = 'DISPATCHED' where id = 1",
                    "update " + depot.qualified + " set state = 'LOST' where id = 1",
                    "delete from " + depot.qualified + " where id = 1");

            List<EventEnvelope> events = depot.awaitEvents(6);

            assertThat(events).extracting(EventEnvelope::type, EventEnvelope::partitionKey, EventEnvelope::version).containsExactly(
                    tuple("ParcelRegistered", "1", 1),
                    tuple("ParcelDispatched", "1", 1), tuple("ParcelTouched", "north:1", 1),
                    tuple("ParcelLost", "1", 2), tuple("ParcelTouched", "north:1", 1),
                    tuple("ParcelDeleted", "1", 1));
            EventEnvelope registered = events.get(0);
            assertThat(registered.data()).isEqualTo(json(
                    "{\"parcel_id\":1,\"weight_kg\":\"12.30\",\"packed_at\":\"2026-11-24T08:15:30.123456\"}"));
            assertThat(registered.correlationId()).isEqualTo("R-1");
            assertThat(registered.occurredAt()).isBetween(before, Instant.now());
            assertThat(registered.source().db()).isEqualTo(db.name());
            assertThat(registered.source().schema()).isEqualTo("depot");
            assertThat(registered.source().lsn()).isPositive();
            assertThat(registered.causationId()).isEqualTo("pg-tx:" + db.name() + ":" + registered.source().txId());
            assertThat(events.get(1).data().get("state").asText()).isEqualTo("DISPATCHED");
            assertThat(events.get(5).data()).isEqualTo(json("{\"id\":1,\"state\":\"LOST\"}"));
            assertThat(events).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
            assertThat(bridge.state()).isEqualTo(Bridge.State.RUNNING);
            assertThat(bridge.stats().rowChanges()).isEqualTo(4);
        }
    }

    @Test
    void refusesATableWithoutReplicaIdentityFullNamingTheSql() {
        Depot depot = new Depot(db, "plain", false);

        assertThatThrownBy(() -> start(depot)).isInstanceOf(BridgeStartupException.class)
                .hasMessageContaining("table " + depot.qualified + " lacks REPLICA IDENTITY FULL")
                .hasMessageContaining("ALTER TABLE " + depot.qualified + " REPLICA IDENTITY FULL;")
                .hasMessageContaining("cutover.bridge.set-replica-identity=true");
        assertThat(depot.queryLong("select count(*) from pg_replication_slots where slot_name = 'cutover_" + depot.table + "'"))
                .as("no slot left behind by a refused start").isZero();
    }

    @Test
    void setsReplicaIdentityFullWhenTheOperatorSaysSo() {
        Depot depot = new Depot(db, "fixme", false);
        try (Bridge bridge = Bridge.start(depot.config().setReplicaIdentity(true).build(), depot.catalog(), depot.log(),
                Clock.systemUTC())) {
            assertThat(depot.queryLong("select count(*) from pg_class where relname = '" + depot.table + "' and relreplident = 'f'"))
                    .isEqualTo(1);
            depot.sql("insert into " + depot.qualified + " values (1, 'n', 'PACKED', 1, 'r', null)",
                    "update " + depot.qualified + " set state = 'DISPATCHED' where id = 1");
            assertThat(depot.awaitEvents(3)).extracting(EventEnvelope::type)
                    .containsExactly("ParcelRegistered", "ParcelDispatched", "ParcelTouched");
        }
    }

    @Test
    void refusesACatalogThatDoesNotFitTheLiveSchema() {
        Depot depot = new Depot(db, "typo", true);
        EventCatalog typo = EventCatalog.parse("typo.yaml", depot.catalogYaml().replace("payload: [id, state]", "payload: [id, stat]"));

        assertThatThrownBy(() -> Bridge.start(depot.config().build(), typo, depot.log(), Clock.systemUTC()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("typo.yaml:13: events[1].payload[1]: column stat does not exist in table " + depot.qualified);
    }

    @Test
    void aMalformedRowGoesToTheDeadLettersAndTheStreamGoesOn() throws Exception {
        Depot depot = new Depot(db, "dead", true);
        EventCatalog byRef = EventCatalog.parse("ref.yaml", """
                events:
                  - type: ParcelRegistered
                    table: %s
                    operation: insert
                    partition_key: ref
                    payload: [id]
                """.formatted(depot.qualified));
        try (Bridge bridge = Bridge.start(depot.config().build(), byRef, depot.log(), Clock.systemUTC())) {
            depot.sql("insert into " + depot.qualified + " values (1, 'n', 'PACKED', 1, null, null)",
                    "insert into " + depot.qualified + " values (2, 'n', 'PACKED', 1, 'R-2', null)");

            assertThat(depot.awaitEvents(1)).extracting(EventEnvelope::partitionKey).containsExactly("R-2");
            try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select bridge, reason, raw_change->'after'->>'id', lsn from cutover.bridge_dead_letter"
                            + " where source_table = '" + depot.qualified + "'")) {
                assertThat(rs.next()).as("a dead letter for row 1").isTrue();
                assertThat(rs.getString(1)).isEqualTo(depot.table);
                assertThat(rs.getString(2)).isEqualTo("ParcelRegistered (ref.yaml:2): partition key column ref is null in the"
                        + " after image of " + depot.qualified);
                assertThat(rs.getString(3)).isEqualTo("1");
                assertThat(rs.getLong(4)).isPositive();
                assertThat(rs.next()).isFalse();
            }
            assertThat(bridge.stats().deadLettered()).isEqualTo(1);
            assertThat(bridge.state()).isEqualTo(Bridge.State.RUNNING);
        }
    }

    @Test
    void anAdditiveColumnInTheLegacyTableKeepsWorking() {
        Depot depot = new Depot(db, "additive", true);
        try (Bridge bridge = start(depot)) {
            depot.sql("insert into " + depot.qualified + " values (1, 'n', 'PACKED', 1, 'r', null)");
            depot.awaitEvents(1);

            depot.sql("alter table " + depot.qualified + " add column insured boolean not null default false",
                    "insert into " + depot.qualified + " values (2, 'n', 'PACKED', 2, 'r', null, true)",
                    "update " + depot.qualified + " set state = 'DISPATCHED', insured = true where id = 1");

            assertThat(depot.awaitEvents(4)).extracting(EventEnvelope::type, EventEnvelope::partitionKey).containsExactly(
                    tuple("ParcelRegistered", "1"), tuple("ParcelRegistered", "2"), tuple("ParcelDispatched", "1"),
                    tuple("ParcelTouched", "n:1"));
            assertThat(bridge.stats().deadLettered()).isZero();
        }
    }

    @Test
    void aRestartLosesNothingAndDuplicatesNothing() {
        Depot depot = new Depot(db, "restart", true);
        try (Bridge first = start(depot)) {
            depot.sql("insert into " + depot.qualified + " select g, 'n', 'PACKED', g, 'r', null from generate_series(1, 50) g");
            depot.awaitEvents(50);
        }
        assertThat(depot.queryLong("select count(*) from cutover.bridge_offset where bridge = '" + depot.table + "'"))
                .as("offsets stored in PostgreSQL").isPositive();
        // written while no bridge runs: the slot keeps them
        depot.sql("insert into " + depot.qualified + " select g, 'n', 'PACKED', g, 'r', null from generate_series(51, 100) g");
        try (Bridge second = start(depot)) {
            depot.sql("insert into " + depot.qualified + " select g, 'n', 'PACKED', g, 'r', null from generate_series(101, 120) g");

            List<EventEnvelope> events = depot.awaitEvents(120);

            assertThat(events).hasSize(120);
            assertThat(events).extracting(EventEnvelope::partitionKey).doesNotHaveDuplicates();
            assertThat(events.stream().map(e -> Long.parseLong(e.partitionKey())).toList())
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 120).boxed().toList());
            assertThat(second.stats().eventsAppended()).isEqualTo(70);
        }
    }

    @Test
    void whenTheLogStaysUnwritableTheBridgeGivesUpAfterItsRestartsWithoutCommittingAndANewStartDeliversTheBatch() {
        Depot depot = new Depot(db, "broken", true);
        EventLog real = depot.log();
        EventLog broken = new EventLog() { // deliberately failing: the database of the log is "down"
            @Override
            public int append(List<EventEnvelope> events) {
                throw new EventLogException("event log down (test)", new java.sql.SQLException("connection refused"));
            }

            @Override
            public List<LoggedEvent> readFrom(long fromSequence, int max) {
                return real.readFrom(fromSequence, max);
            }

            @Override
            public long headSequence() {
                return real.headSequence();
            }

            @Override
            public Subscription tail(java.util.function.LongConsumer onAppend) {
                return real.tail(onAppend);
            }
        };
        // an always-failing log is a fault restarts do not cure: after max-attempts the bridge gives up
        BridgeConfig config = depot.config().restartMaxAttempts(2).restartBackoff(Duration.ofMillis(100), Duration.ofMillis(200))
                .build();
        try (Bridge failing = Bridge.start(config, depot.catalog(), broken, Clock.systemUTC())) {
            depot.sql("insert into " + depot.qualified + " values (1, 'n', 'PACKED', 1, 'r', null)");

            await("bridge gave up on the log").atMost(Depot.WAIT).until(() -> failing.state() == Bridge.State.FAILED);
            assertThat(failing.failure()).hasValueSatisfying(f -> {
                assertThat(f).hasMessageStartingWith("bridge " + depot.table + " gave up after 2 restart(s) in a row without progress"
                        + " (cutover.bridge.restart.max-attempts)").hasMessageContaining("event log down (test)");
                assertThat(f).hasRootCauseMessage("connection refused");
            });
            assertThat(failing.stats().restarts()).isEqualTo(2);
            assertThat(failing.stats().batches()).isZero();
        }
        try (Bridge restarted = start(depot)) {
            assertThat(depot.awaitEvents(1)).extracting(EventEnvelope::type).containsExactly("ParcelRegistered");
        }
    }

    @Test
    void rowsCommittedAfterTheSlotExistedButBeforeTheEngineRanAreDelivered() {
        Depot depot = new Depot(db, "early", true);
        // what start() does before the engine runs; a row committed in between must not be lost
        BridgeSchema.migrate(db.dataSource());
        depot.sql("create publication cutover_" + depot.table + " for table " + depot.qualified + ", cutover.bridge_heartbeat",
                "select pg_create_logical_replication_slot('cutover_" + depot.table + "', 'pgoutput')",
                "insert into " + depot.qualified + " values (1, 'n', 'PACKED', 1, 'r', null)");
        try (Bridge bridge = start(depot)) {
            depot.sql("insert into " + depot.qualified + " values (2, 'n', 'PACKED', 1, 'r', null)");

            assertThat(depot.awaitEvents(2)).extracting(EventEnvelope::partitionKey).containsExactly("1", "2");
        }
    }

    @Test
    void offsetsThatOutliveTheirSlotAreRefusedWithWhatToDo() {
        Depot depot = new Depot(db, "orphan", true);
        try (Bridge bridge = start(depot)) {
            depot.sql("insert into " + depot.qualified + " values (1, 'n', 'PACKED', 1, 'r', null)");
            depot.awaitEvents(1);
        }
        await("slot released").atMost(Depot.WAIT).until(() -> depot.queryLong(
                "select count(*) from pg_replication_slots where slot_name = 'cutover_" + depot.table + "' and active") == 0);
        depot.sql("select pg_drop_replication_slot('cutover_" + depot.table + "')");

        assertThatThrownBy(() -> start(depot)).isInstanceOf(BridgeStartupException.class)
                .hasMessageContaining("bridge " + depot.table + " has stored offsets but its replication slot cutover_"
                        + depot.table + " is gone")
                .hasMessageContaining("DELETE FROM cutover.bridge_offset WHERE bridge = '" + depot.table + "';");
    }

    @Test
    void onAnIdleCatalogTheHeartbeatKeepsTheSlotMovingAndTheLagIsReported() {
        Depot depot = new Depot(db, "idle", true);
        depot.sql("create table depot." + depot.table + "_busy (id bigint primary key, pad text)");
        try (Bridge bridge = start(depot)) {
            // WAL from a table the bridge does not capture: without heartbeats the slot would hold all of it
            depot.sql("insert into depot." + depot.table + "_busy select g, repeat('x', 200) from generate_series(1, 5000) g");
            long written = depot.queryLong("select pg_current_wal_lsn() - '0/0'::pg_lsn");

            await("slot confirmed past the unrelated writes").atMost(Depot.WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> depot.queryLong("select confirmed_flush_lsn - '0/0'::pg_lsn from pg_replication_slots"
                            + " where slot_name = 'cutover_" + depot.table + "'") >= written);
            assertThat(bridge.slotLagBytes()).isBetween(0L, 1_000_000L);
            assertThat(depot.events()).isEmpty();
            assertThat(bridge.stats().rowChanges()).as("heartbeat rows are no legacy changes").isZero();

            bridge.close();
            long lagBefore = bridge.slotLagBytes();
            depot.sql("insert into " + depot.qualified + " select g, 'n', 'PACKED', g, 'r', null from generate_series(1, 1000) g");
            assertThat(bridge.slotLagBytes()).as("lag while no bridge reads").isGreaterThan(lagBefore + 50_000);
        }
    }

    @Test
    void aChangedCatalogResetsThePublicationToItsTables() {
        Depot depot = new Depot(db, "grow", true);
        Depot other = new Depot(db, "grown", true);
        try (Bridge bridge = start(depot)) {
            assertThat(publishedTables(depot)).isEqualTo(2);
        }
        EventCatalog both = EventCatalog.parse("both.yaml", depot.catalogYaml() + other.catalogYaml().replace("events:\n", ""));
        try (Bridge bridge = Bridge.start(depot.config().build(), both, depot.log(), Clock.systemUTC())) {
            assertThat(publishedTables(depot)).isEqualTo(3);
            depot.sql("insert into " + other.qualified + " values (1, 'n', 'PACKED', 1, 'r', null)");

            assertThat(other.awaitEvents(1)).extracting(EventEnvelope::type).containsExactly("ParcelRegistered");
        }
    }

    private static long publishedTables(Depot depot) {
        return depot.queryLong("select count(*) from pg_publication_tables where pubname = 'cutover_" + depot.table + "'");
    }

    @Test
    void decommissionDropsSlotAndPublicationButKeepsTheLog() {
        Depot depot = new Depot(db, "gone", true);
        Bridge bridge = start(depot);
        depot.sql("insert into " + depot.qualified + " values (1, 'n', 'PACKED', 1, 'r', null)");
        depot.awaitEvents(1);
        assertThat(depot.queryLong("select count(*) from pg_publication_tables where pubname = 'cutover_" + depot.table
                + "'")).as("catalog table + heartbeat table").isEqualTo(2);

        bridge.decommission();

        assertThat(bridge.state()).isEqualTo(Bridge.State.STOPPED);
        assertThat(depot.queryLong("select count(*) from pg_replication_slots where slot_name = 'cutover_" + depot.table + "'")).isZero();
        assertThat(depot.queryLong("select count(*) from pg_publication where pubname = 'cutover_" + depot.table + "'")).isZero();
        assertThat(depot.queryLong("select count(*) from cutover.bridge_offset where bridge = '" + depot.table + "'")).isZero();
        assertThat(depot.events()).hasSize(1);
    }
}
