package io.cutover.consumers.compare;

import javax.sql.DataSource;

import io.cutover.flags.CutoverSchema;

/** Creates or upgrades the comparator's tables in schema {@code cutover} (Flyway history {@code flyway_history_compare}). */
public final class ComparisonSchema {

    private ComparisonSchema() {
    }

    public static void migrate(DataSource dataSource) {
        CutoverSchema.migrate(dataSource, "compare", "classpath:io/cutover/consumers/compare/db");
    }
}
