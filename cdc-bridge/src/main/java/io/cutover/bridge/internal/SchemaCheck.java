package io.cutover.bridge.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cutover.bridge.CatalogEntry;
import io.cutover.bridge.CatalogException.Problem;

/** The catalog against the live schema, through JDBC metadata (works for any user who can see the tables). */
public final class SchemaCheck {
    private SchemaCheck() {
    }

    public static List<Problem> problems(Connection c, List<CatalogReader.ColumnRef> refs, List<CatalogEntry> entries)
            throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        Map<String, Set<String>> columnsByTable = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        Set<String> missingTables = new HashSet<>();
        // an entry per table problem, then every unknown column of the tables that exist
        for (CatalogEntry e : entries) {
            if (!columnsByTable.containsKey(e.qualifiedTable())) {
                columnsByTable.put(e.qualifiedTable(), columns(meta, e.schema(), e.table()));
            }
            if (columnsByTable.get(e.qualifiedTable()).isEmpty()) {
                missingTables.add(e.qualifiedTable());
                problems.add(new Problem(e.file(), e.line(), "table", "table " + e.qualifiedTable()
                        + " does not exist (or is not visible to user " + userName(meta) + ")"));
            }
        }
        for (CatalogReader.ColumnRef ref : refs) {
            String table = ref.entry().qualifiedTable();
            if (!missingTables.contains(table) && !columnsByTable.get(table).contains(ref.column())) {
                problems.add(new Problem(ref.entry().file(), ref.line(), ref.field(), "column " + ref.column()
                        + " does not exist in table " + table));
            }
        }
        return problems;
    }

    private static Set<String> columns(DatabaseMetaData meta, String schema, String table) throws SQLException {
        Set<String> cols = new HashSet<>();
        try (ResultSet rs = meta.getColumns(null, escape(meta, schema), escape(meta, table), null)) {
            while (rs.next()) {
                cols.add(rs.getString("COLUMN_NAME"));
            }
        }
        return cols;
    }

    /** getColumns takes LIKE patterns: an underscore in a name must not match any character. */
    private static String escape(DatabaseMetaData meta, String name) throws SQLException {
        String esc = meta.getSearchStringEscape();
        return name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
    }

    private static String userName(DatabaseMetaData meta) {
        try {
            return meta.getUserName();
        } catch (SQLException e) {
            return "?";
        }
    }
}
