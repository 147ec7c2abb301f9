package io.cutover.sample.legacy.catalog;

import io.cutover.sample.legacy.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Products, their stock counters, and the {@code stock_movements} journal. */
@ApplicationScoped
public class ProductDao {

    /** Kinds of {@code stock_movements} rows. */
    public enum Movement { RECEIVED, ADJUSTED, RESERVED, RELEASED, SHIPPED }

    @Inject
    Jdbc jdbc;

    public long insert(NewProduct p, Instant now) {
        return jdbc.insert("insert into products (sku, name, price, stock_on_hand, stock_reserved, created_at) "
                + "values (?, ?, ?, ?, 0, ?)", p.sku().trim(), p.name().trim(), p.price(), p.stockOnHand(), now);
    }

    public Optional<Product> findById(long id) {
        return jdbc.queryOne("select * from products where id = ?", ProductDao::map, id);
    }

    /** Reads the product and locks its row until the transaction ends. */
    public Optional<Product> lockById(long id) {
        return jdbc.queryOne("select * from products where id = ? for update", ProductDao::map, id);
    }

    public boolean skuTaken(String sku) {
        return jdbc.queryOne("select 1 from products where sku = ?", rs -> 1, sku.trim()).isPresent();
    }

    public void setOnHand(long productId, int stockOnHand) {
        jdbc.update("update products set stock_on_hand = ? where id = ?", stockOnHand, productId);
    }

    /** Reserves {@code quantity} units if that many are available; false (nothing changed) otherwise. */
    public boolean reserve(long productId, int quantity) {
        return jdbc.update("update products set stock_reserved = stock_reserved + ? "
                + "where id = ? and stock_on_hand - stock_reserved >= ?", quantity, productId, quantity) == 1;
    }

    public void release(long productId, int quantity) {
        jdbc.update("update products set stock_reserved = stock_reserved - ? where id = ?", quantity, productId);
    }

    /** Reserved units leave the warehouse: both counters go down. */
    public void ship(long productId, int quantity) {
        jdbc.update("update products set stock_on_hand = stock_on_hand - ?, stock_reserved = stock_reserved - ? "
                + "where id = ?", quantity, quantity, productId);
    }

    /** {@code quantity} is signed: positive into stock or reservation, negative out of it. */
    public void recordMovement(long productId, Long orderId, Movement kind, int quantity, String reason,
                               Instant at) {
        jdbc.update("insert into stock_movements (product_id, order_id, kind, quantity, reason, at) "
                + "values (?, ?, ?, ?, ?, ?)", productId, orderId, kind.name(), quantity, reason, at);
    }

    private static Product map(ResultSet rs) throws SQLException {
        return new Product(rs.getLong("id"), rs.getString("sku"), rs.getString("name"), rs.getBigDecimal("price"),
                rs.getInt("stock_on_hand"), rs.getInt("stock_reserved"), Jdbc.instant(rs, "created_at"));
    }
}
