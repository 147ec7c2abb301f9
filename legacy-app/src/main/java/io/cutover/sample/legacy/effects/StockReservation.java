package io.cutover.sample.legacy.effects;

import io.cutover.sample.legacy.catalog.Product;
import io.cutover.sample.legacy.catalog.ProductDao;
import io.cutover.sample.legacy.catalog.ProductDao.Movement;
import io.cutover.sample.legacy.order.Order;
import io.cutover.sample.legacy.order.OrderLine;
import io.cutover.sample.legacy.problem.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;

/**
 * Side effect: an order's stock. Confirm reserves every line ({@code stock_reserved += quantity}) or fails with 409
 * and the whole confirm rolls back; cancelling a confirmed order releases it; shipping takes it off the shelf.
 * Each change is journaled in {@code stock_movements}, in the caller's transaction.
 */
@ApplicationScoped
public class StockReservation {

    @Inject
    ProductDao products;

    @Inject
    Clock clock;

    public void reserve(Order order) {
        Instant now = clock.instant();
        for (OrderLine line : order.lines()) {
            if (!products.reserve(line.productId(), line.quantity())) {
                int available = products.findById(line.productId()).map(Product::stockAvailable).orElse(0);
                throw ConflictException.insufficientStock(line.sku(), line.quantity(), available);
            }
            products.recordMovement(line.productId(), order.id(), Movement.RESERVED, line.quantity(), null, now);
        }
    }

    public void release(Order order) {
        Instant now = clock.instant();
        for (OrderLine line : order.lines()) {
            products.release(line.productId(), line.quantity());
            products.recordMovement(line.productId(), order.id(), Movement.RELEASED, -line.quantity(), null, now);
        }
    }

    public void ship(Order order) {
        Instant now = clock.instant();
        for (OrderLine line : order.lines()) {
            products.ship(line.productId(), line.quantity());
            products.recordMovement(line.productId(), order.id(), Movement.SHIPPED, -line.quantity(), null, now);
        }
    }
}
