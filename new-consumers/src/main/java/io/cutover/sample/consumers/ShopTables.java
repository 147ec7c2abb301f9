package io.cutover.sample.consumers;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

/**
 * Reads what the minimal event payloads lack from the legacy shop's tables ({@code public.customers},
 * {@code orders}, {@code order_lines}, {@code products}) in the same database, the way the legacy DAOs read them.
 */
final class ShopTables {

    record Customer(long id, String name, String email, String shippingAddress) {
    }

    /** One order line with its product's SKU and name, as the legacy {@code OrderDao} joins them. */
    record Line(int lineNo, long productId, String sku, String productName, int quantity, BigDecimal unitPrice,
            BigDecimal lineTotal) {
    }

    record Order(long id, long customerId, BigDecimal total, List<Line> lines) {
    }

    private final DataSource dataSource;

    ShopTables(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The order and its lines in {@code line_no} order; a missing order is an error (retried, then dead letter). */
    Order order(long id) {
        try (Connection c = dataSource.getConnection()) {
            long customerId;
            BigDecimal total;
            try (PreparedStatement st = c.prepareStatement("select customer_id, total from orders where id = ?")) {
                st.setLong(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new SampleConsumerException("order " + id + " not found in the shop's tables");
                    }
                    customerId = rs.getLong(1);
                    total = rs.getBigDecimal(2);
                }
            }
            List<Line> lines = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("select l.line_no, l.product_id, p.sku, p.name, l.quantity,"
                    + " l.unit_price, l.line_total from order_lines l join products p on p.id = l.product_id"
                    + " where l.order_id = ? order by l.line_no")) {
                st.setLong(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        lines.add(new Line(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                                rs.getBigDecimal(6), rs.getBigDecimal(7)));
                    }
                }
            }
            return new Order(id, customerId, total, List.copyOf(lines));
        } catch (SQLException e) {
            throw new SampleConsumerException("cannot read order " + id + ": " + e.getMessage(), e);
        }
    }

    Customer customer(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "select id, name, email, shipping_address from customers where id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new SampleConsumerException("customer " + id + " not found in the shop's tables");
                }
                return new Customer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
            }
        } catch (SQLException e) {
            throw new SampleConsumerException("cannot read customer " + id + ": " + e.getMessage(), e);
        }
    }

    /** A {@code timestamptz} parameter that means the same instant whatever the JVM's time zone. */
    static OffsetDateTime timestamp(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
