package io.cutover.bridge;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Creates or upgrades the bridge's tables in the {@code cutover} schema (event log, dead letters, offsets,
 * heartbeat), with its own Flyway history table so it never collides with other modules' migrations.
 */
public final class BridgeSchema {
    public static final String SCHEMA = "cutover";
    public static final String HISTORY_TABLE = "flyway_history_bridge";

    private BridgeSchema() {
    }

    public static void migrate(DataSource dataSource) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(SCHEMA)
                    .createSchemas(true)
                    .table(HISTORY_TABLE)
                    .locations("classpath:io/cutover/bridge/db")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new BridgeException("cannot create or upgrade the bridge tables in schema " + SCHEMA + ": " + e.getMessage(), e);
        }
    }
}
