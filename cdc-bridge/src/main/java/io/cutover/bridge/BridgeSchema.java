package io.cutover.bridge;

import javax.sql.DataSource;

import io.cutover.flags.CutoverSchema;
import io.cutover.flags.FlagsException;

/**
 * Creates or upgrades the bridge's tables in the {@code cutover} schema (event log, dead letters, offsets,
 * heartbeat), with its own Flyway history table so it never collides with other modules' migrations.
 */
public final class BridgeSchema {
    public static final String SCHEMA = "cutover";

    private BridgeSchema() {
    }

    public static void migrate(DataSource dataSource) {
        try {
            CutoverSchema.migrate(dataSource, "bridge", "classpath:io/cutover/bridge/db");
        } catch (FlagsException e) {
            throw new BridgeException(e.getMessage(), e);
        }
    }
}
