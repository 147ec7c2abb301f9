package io.cutover.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.cutover.testsupport.postgres.Database;

/** Plain statements against a benchmark's throwaway database, each on a fresh connection (setup, not measured). */
final class BenchSql {

    private BenchSql() {
    }

    static void sql(Database db, String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    static long queryLong(Database db, String query) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
