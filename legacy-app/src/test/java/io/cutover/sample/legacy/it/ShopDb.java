package io.cutover.sample.legacy.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the legacy database directly, to check what a request really wrote. */
final class ShopDb {

    private ShopDb() {
    }

    /** Every row as column -> value, in query order. */
    static List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = LegacyEnvironment.current().database().connect();
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int col = 1; col <= meta.getColumnCount(); col++) {
                        row.put(meta.getColumnLabel(col), rs.getObject(col));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long count(String sql, Object... params) {
        return ((Number) rows(sql, params).get(0).values().iterator().next()).longValue();
    }

    /** The order's audit trail as "ACTION from->to" strings, oldest first. */
    static List<String> orderAudit(long orderId) {
        return rows("select action, from_status, to_status from audit_log where entity = 'order' and entity_id = ? "
                + "order by id", orderId).stream()
                .map(r -> r.get("action") + " " + r.get("from_status") + "->" + r.get("to_status")).toList();
    }

    /** {stock_on_hand, stock_reserved} of a product. */
    static int[] stock(long productId) {
        Map<String, Object> row = rows("select stock_on_hand, stock_reserved from products where id = ?", productId)
                .get(0);
        return new int[] {(Integer) row.get("stock_on_hand"), (Integer) row.get("stock_reserved")};
    }

    /** The order's stock movements as "KIND productId quantity" strings, oldest first. */
    static List<String> movements(long orderId) {
        return rows("select kind, product_id, quantity from stock_movements where order_id = ? order by id", orderId)
                .stream().map(r -> r.get("kind") + " " + r.get("product_id") + " " + r.get("quantity")).toList();
    }
}
