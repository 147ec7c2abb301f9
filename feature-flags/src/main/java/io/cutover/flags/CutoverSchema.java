package io.cutover.flags;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The {@code cutover} schema holds the tables of every toolkit module; each module migrates its own part with its
 * own Flyway history table. Whichever part runs second finds the schema non-empty, so each part's history starts
 * from an empty baseline (version 0) and all of its V1.. still run: the parts can be migrated in any order.
 * Flyway is an optional dependency of feature-flags: only the toolkit side, never a WAR with just the shim, calls this.
 */
public final class CutoverSchema {

    public static final String NAME = "cutover";

    private CutoverSchema() {
    }

    /** Migrates one part: history table {@code flyway_history_<part>}, migrations at {@code location}. */
    public static void migrate(DataSource dataSource, String part, String location) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(NAME)
                    .createSchemas(true)
                    .table("flyway_history_" + part)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .locations(location)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new FlagsException("cannot create or upgrade the " + part + " tables in schema " + NAME + ": "
                    + e.getMessage(), e);
        }
    }
}
