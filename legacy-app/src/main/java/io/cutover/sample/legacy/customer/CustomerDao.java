package io.cutover.sample.legacy.customer;

import io.cutover.sample.legacy.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

@ApplicationScoped
public class CustomerDao {

    @Inject
    Jdbc jdbc;

    public long insert(NewCustomer c, Instant now) {
        return jdbc.insert("insert into customers (name, email, shipping_address, created_at) values (?, ?, ?, ?)",
                c.name().trim(), c.email().trim(), c.shippingAddress().trim(), now);
    }

    public Optional<Customer> findById(long id) {
        return jdbc.queryOne("select * from customers where id = ?", CustomerDao::map, id);
    }

    public boolean emailTaken(String email) {
        return jdbc.queryOne("select 1 from customers where lower(email) = lower(?)", rs -> 1, email.trim())
                .isPresent();
    }

    public long loyaltyBalance(long customerId) {
        return jdbc.queryOne("select coalesce(sum(points), 0) from loyalty_ledger where customer_id = ?",
                rs -> rs.getLong(1), customerId).orElse(0L);
    }

    private static Customer map(ResultSet rs) throws SQLException {
        return new Customer(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                rs.getString("shipping_address"), Jdbc.instant(rs, "created_at"));
    }
}
