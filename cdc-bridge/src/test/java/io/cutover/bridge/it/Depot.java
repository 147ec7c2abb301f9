package io.cutover.bridge.it;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cutover.bridge.BridgeConfig;
import io.cutover.bridge.EventCatalog;
import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.EventLog;
import io.cutover.bridge.LoggedEvent;
import io.cutover.testsupport.postgres.Database;

/** A tiny legacy schema of its own (nothing from the sample app): one parcel table per test, and its catalog. */
final class Depot {
    static final Duration WAIT = Duration.ofSeconds(60);

    final Database db;
    final String table;
    final String qualified;

    Depot(Database db, String prefix, boolean replicaIdentityFull) {
        this.db = db;
        this.table = db.uniqueName(prefix);
        this.qualified = "depot." + table;
        sql("create schema if not exists depot",
                "create table " + qualified + " (id bigint primary key, depot text not null, state text not null,"
                        + " weight numeric(8,2), ref text, packed_at timestamp)"
                        + (replicaIdentityFull ? "; alter table " + qualified + " replica identity full" : ""));
    }

    /** Every kind of mapping: insert, transition, wildcard transition, unconditional update (two events), delete. */
    String catalogYaml() {
        return """
                events:
                  - type: ParcelRegistered
                    table: %1$s
                    operation: insert
                    partition_key: id
                    correlation: ref
                    payload: {id: parcel_id, weight: weight_kg, packed_at: packed_at}
                  - type: ParcelDispatched
                    table: %1$s
                    operation: update
                    transition: {state: PACKED -> DISPATCHED}
                    partition_key: id
                    payload: [id, state]
                  - type: ParcelLost
                    version: 2
                    table: %1$s
                    operation: update
                    transition: {state: "* -> LOST"}
                    partition_key: id
                    payload: [id]
                  - type: ParcelTouched
                    table: %1$s
                    operation: update
                    partition_key: [depot, id]
                    payload: [id]
                  - type: ParcelDeleted
                    table: %1$s
                    operation: delete
                    partition_key: id
                    payload: [id, state]
                """.formatted(qualified);
    }

    EventCatalog catalog() {
        return EventCatalog.parse(table + ".yaml", catalogYaml());
    }

    BridgeConfig.Builder config() {
        return BridgeConfig.builder().name(table).database(db.host(), db.port(), db.name(), db.user(), db.password())
                .heartbeatInterval(Duration.ofMillis(200)).startTimeout(Duration.ofSeconds(90));
    }

    EventLog log() {
        return EventLog.postgres(db.dataSource(), Clock.systemUTC());
    }

    void sql(String... statements) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    long queryLong(String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** This table's events in log order. */
    List<EventEnvelope> events() {
        List<EventEnvelope> out = new ArrayList<>();
        for (LoggedEvent e : log().readFrom(0, 1_000_000)) {
            if (e.envelope().source().table().equals(table)) {
                out.add(e.envelope());
            }
        }
        return out;
    }

    List<EventEnvelope> awaitEvents(int count) {
        await("at least " + count + " events of " + qualified + " in the log").atMost(WAIT)
                .pollInterval(Duration.ofMillis(100)).until(() -> events().size() >= count);
        return events();
    }
}
