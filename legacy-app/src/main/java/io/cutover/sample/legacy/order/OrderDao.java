package io.cutover.sample.legacy.order;

import io.cutover.sample.legacy.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class OrderDao {

    private static final Map<OrderStatus, String> TIMESTAMP_COLUMN = Map.of(
            OrderStatus.CONFIRMED, "confirmed_at",
            OrderStatus.CANCELLED, "cancelled_at",
            OrderStatus.SHIPPED, "shipped_at");

    @Inject
    Jdbc jdbc;

    public long insert(long customerId, BigDecimal total, Instant now) {
        return jdbc.insert("insert into orders (customer_id, status, total, placed_at, updated_at) "
                + "values (?, ?, ?, ?, ?)", customerId, OrderStatus.PENDING.name(), total, now, now);
    }

    public void insertLine(long orderId, OrderLine line) {
        jdbc.update("insert into order_lines (order_id, line_no, product_id, quantity, unit_price, line_total) "
                        + "values (?, ?, ?, ?, ?, ?)", orderId, line.lineNo(), line.productId(), line.quantity(),
                line.unitPrice(), line.lineTotal());
    }

    public Optional<Order> findById(long id) {
        return jdbc.queryOne("select * from orders where id = ?", this::map, id);
    }

    /** Reads the order and locks its row until the transaction ends, so concurrent transitions queue up. */
    public Optional<Order> lockById(long id) {
        return jdbc.queryOne("select * from orders where id = ? for update", this::map, id);
    }

    /** Newest first. */
    public List<Order> list(OrderStatus status, int limit) {
        return status == null
                ? jdbc.query("select * from orders order by id desc limit ?", this::map, limit)
                : jdbc.query("select * from orders where status = ? order by id desc limit ?", this::map,
                        status.name(), limit);
    }

    public void updateStatus(long id, OrderStatus to, Instant now) {
        jdbc.update("update orders set status = ?, " + TIMESTAMP_COLUMN.get(to) + " = ?, updated_at = ? where id = ?",
                to.name(), now, now, id);
    }

    private List<OrderLine> lines(long orderId) {
        return jdbc.query("select l.*, p.sku, p.name from order_lines l join products p on p.id = l.product_id "
                + "where l.order_id = ? order by l.line_no", rs -> new OrderLine(rs.getInt("line_no"),
                rs.getLong("product_id"), rs.getString("sku"), rs.getString("name"), rs.getInt("quantity"),
                rs.getBigDecimal("unit_price"), rs.getBigDecimal("line_total")), orderId);
    }

    private Order map(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        return new Order(id, rs.getLong("customer_id"), OrderStatus.valueOf(rs.getString("status")),
                rs.getBigDecimal("total"), lines(id), Jdbc.instant(rs, "placed_at"),
                Jdbc.instant(rs, "confirmed_at"), Jdbc.instant(rs, "cancelled_at"), Jdbc.instant(rs, "shipped_at"));
    }
}
