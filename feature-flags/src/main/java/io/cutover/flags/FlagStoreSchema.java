package io.cutover.flags;

import javax.sql.DataSource;

/** Creates or upgrades the flag store's tables in the {@code cutover} schema (see {@link CutoverSchema}). */
public final class FlagStoreSchema {

    private FlagStoreSchema() {
    }

    public static void migrate(DataSource dataSource) {
        CutoverSchema.migrate(dataSource, "flags", "classpath:io/cutover/flags/db");
    }
}
