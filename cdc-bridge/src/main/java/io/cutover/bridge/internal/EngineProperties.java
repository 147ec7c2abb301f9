package io.cutover.bridge.internal;

import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import io.cutover.bridge.BridgeConfig;

/** The Debezium settings the bridge runs with; each non-default one is there for a measured reason (see the spike). */
public final class EngineProperties {
    private EngineProperties() {
    }

    public static Properties of(BridgeConfig config, Set<String> catalogTables) {
        Properties p = new Properties();
        p.setProperty("name", config.name());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("topic.prefix", config.name());
        p.setProperty("database.hostname", config.host());
        p.setProperty("database.port", Integer.toString(config.port()));
        p.setProperty("database.dbname", config.database());
        p.setProperty("database.user", config.user());
        p.setProperty("database.password", config.password());
        // defaults to decoderbufs, which a stock PostgreSQL does not have
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", config.slotName());
        p.setProperty("publication.name", config.publicationName());
        // the bridge created the publication for exactly the catalog's tables; all_tables would need a superuser
        p.setProperty("publication.autocreate.mode", "disabled");
        Set<String> tables = new TreeSet<>(catalogTables);
        tables.add(CaptureSetup.HEARTBEAT_TABLE);
        p.setProperty("table.include.list", String.join(",", tables.stream().map(t -> t.replace(".", "\\.")).toList()));
        // the slot exists before the engine starts, so streaming begins at the slot: no rows lost, no history replayed
        p.setProperty("snapshot.mode", "no_data");
        // numeric would otherwise arrive as base64 bytes
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("tombstones.on.delete", "false");
        // heartbeats + their row in cutover.bridge_heartbeat + driver flushes keep the slot moving on idle tables
        p.setProperty("heartbeat.interval.ms", Long.toString(config.heartbeatInterval().toMillis()));
        p.setProperty("heartbeat.action.query", "insert into cutover.bridge_heartbeat (bridge, beat_at) values ('"
                + config.name() + "', now()) on conflict (bridge) do update set beat_at = excluded.beat_at");
        p.setProperty("lsn.flush.mode", "connector_and_driver");
        // offsets after every batch: costs nothing measurable, turns a kill -9 into (almost) no re-reads
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("offset.storage", JdbcOffsetStore.class.getName());
        p.setProperty(JdbcOffsetStore.URL, config.jdbcUrl());
        p.setProperty(JdbcOffsetStore.USER, config.user());
        p.setProperty(JdbcOffsetStore.PASSWORD, config.password());
        p.setProperty(JdbcOffsetStore.BRIDGE, config.name());
        p.setProperty("poll.interval.ms", Long.toString(config.pollInterval().toMillis()));
        p.setProperty("max.batch.size", Integer.toString(config.maxBatchSize()));
        p.setProperty("max.queue.size", Integer.toString(Math.max(8192, 4 * config.maxBatchSize())));
        // a restart right after close can find the slot still held by the old walsender for a moment
        p.setProperty("slot.retry.delay.ms", "250");
        p.setProperty("slot.max.retries", "120");
        // a lost connection ends the engine instead of Debezium's silent in-task retries (state RUNNING, nothing captured):
        // the bridge restarts it itself, visibly (RECONNECTING, restarts counted) and knowing which failures are final
        p.setProperty("errors.max.retries", "0");
        return p;
    }
}
