package io.cutover.flags;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Creates or upgrades the flag store's tables in the {@code cutover} schema. Flyway is an optional dependency of
 * this module: the toolkit side runs the migration, a legacy WAR that only uses the shim never loads this class.
 */
public final class FlagStoreSchema {

    public static final String SCHEMA = "cutover";

    private FlagStoreSchema() {
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .table("flyway_history_flags")
                .locations("classpath:io/cutover/flags/db")
                .load()
                .migrate();
    }
}
