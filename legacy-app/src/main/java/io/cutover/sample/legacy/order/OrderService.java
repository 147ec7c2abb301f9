package io.cutover.sample.legacy.order;

import io.cutover.sample.legacy.catalog.Product;
import io.cutover.sample.legacy.catalog.ProductDao;
import io.cutover.sample.legacy.customer.Customer;
import io.cutover.sample.legacy.customer.CustomerDao;
import io.cutover.sample.legacy.cutover.CutoverShim;
import io.cutover.sample.legacy.effects.AuditTrail;
import io.cutover.sample.legacy.effects.ConfirmationMailer;
import io.cutover.sample.legacy.effects.LoyaltyPoints;
import io.cutover.sample.legacy.effects.StockReservation;
import io.cutover.sample.legacy.effects.WarehouseNotifier;
import io.cutover.sample.legacy.problem.ConflictException;
import io.cutover.sample.legacy.problem.FieldErrors;
import io.cutover.sample.legacy.problem.UnknownEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.cutover.sample.legacy.cutover.CutoverFlows.CONFIRMATION_MAIL;
import static io.cutover.sample.legacy.cutover.CutoverFlows.LOYALTY_POINTS;
import static io.cutover.sample.legacy.cutover.CutoverFlows.ORDER_AUDIT;
import static io.cutover.sample.legacy.cutover.CutoverFlows.STOCK_RESERVATION;
import static io.cutover.sample.legacy.cutover.CutoverFlows.WAREHOUSE_NOTIFICATION;
import static io.cutover.sample.legacy.cutover.CutoverFlows.orderKey;
import static io.cutover.sample.legacy.cutover.CutoverFlows.transitionKey;

/**
 * The order lifecycle. Each public method is one JTA transaction; its side effects run synchronously inside it,
 * in the order written here, so the ones that touch the database commit or roll back with the status change.
 */
@ApplicationScoped
public class OrderService {

    @Inject
    OrderDao orders;

    @Inject
    CustomerDao customers;

    @Inject
    ProductDao products;

    @Inject
    AuditTrail audit;

    @Inject
    StockReservation stock;

    @Inject
    LoyaltyPoints loyalty;

    @Inject
    ConfirmationMailer mailer;

    @Inject
    WarehouseNotifier warehouse;

    @Inject
    CutoverShim cutover;

    @Inject
    Clock clock;

    /** New PENDING order at the current prices; no stock is reserved yet. */
    @Transactional
    public Order place(PlaceOrder request) {
        request.validate();
        FieldErrors errors = new FieldErrors();
        errors.check(customers.findById(request.customerId()).isPresent(), "customerId",
                "no customer with id " + request.customerId());
        List<OrderLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < request.lines().size(); i++) {
            PlaceOrder.Line line = request.lines().get(i);
            Optional<Product> product = products.findById(line.productId());
            if (errors.check(product.isPresent(), "lines[" + i + "].productId",
                    "no product with id " + line.productId())) {
                Product p = product.get();
                BigDecimal lineTotal = p.price().multiply(BigDecimal.valueOf(line.quantity()));
                lines.add(new OrderLine(i + 1, p.id(), p.sku(), p.name(), line.quantity(), p.price(), lineTotal));
                total = total.add(lineTotal);
            }
        }
        errors.throwIfAny();

        long id = orders.insert(request.customerId(), total, clock.instant());
        lines.forEach(line -> orders.insertLine(id, line));
        auditTransition(id, "PLACED", null, OrderStatus.PENDING.name());
        return get(id);
    }

    @Transactional
    public Order get(long id) {
        return orders.findById(id).orElseThrow(() -> unknown(id));
    }

    @Transactional
    public List<Order> list(OrderStatus status, int limit) {
        return orders.list(status, limit);
    }

    /** PENDING -> CONFIRMED: reserve stock (409 if short), audit, loyalty points, confirmation mail. */
    @Transactional
    public Order confirm(long id) {
        Order order = lockInStatus(id, OrderStatus.PENDING, "confirmed");
        if (cutover.legacyActs(STOCK_RESERVATION, transitionKey(id, "RESERVED"))) {
            stock.reserve(order);
            cutover.journal(STOCK_RESERVATION, transitionKey(id, "RESERVED"), stockMovement(order, "RESERVED"));
        }
        moveTo(order, OrderStatus.CONFIRMED, "CONFIRMED");
        if (cutover.legacyActs(LOYALTY_POINTS, orderKey(id))) {
            loyalty.awardFor(order);
            cutover.journal(LOYALTY_POINTS, orderKey(id), Map.of("customerId", order.customerId(), "orderId", id,
                    "points", LoyaltyPoints.pointsFor(order.total())));
        }
        if (cutover.legacyActs(CONFIRMATION_MAIL, orderKey(id))) {
            Customer customer = customerOf(order);
            boolean sent = mailer.sendOrderConfirmation(order, customer);
            cutover.journal(CONFIRMATION_MAIL, orderKey(id), Map.of("to", customer.email(),
                    "subject", ConfirmationMailer.subject(order), "sent", sent));
        }
        return get(id);
    }

    /** PENDING or CONFIRMED -> CANCELLED: a confirmed order's reserved stock is released. */
    @Transactional
    public Order cancel(long id) {
        Order order = orders.lockById(id).orElseThrow(() -> unknown(id));
        if (order.status() == OrderStatus.CONFIRMED) {
            if (cutover.legacyActs(STOCK_RESERVATION, transitionKey(id, "RELEASED"))) {
                stock.release(order);
                cutover.journal(STOCK_RESERVATION, transitionKey(id, "RELEASED"), stockMovement(order, "RELEASED"));
            }
        } else if (order.status() != OrderStatus.PENDING) {
            throw ConflictException.illegalTransition(id, order.status().name(), "cancelled");
        }
        moveTo(order, OrderStatus.CANCELLED, "CANCELLED");
        return get(id);
    }

    /** CONFIRMED -> SHIPPED: stock leaves, audit, then the warehouse is told; its failure rolls all of it back. */
    @Transactional
    public Order ship(long id) {
        Order order = lockInStatus(id, OrderStatus.CONFIRMED, "shipped");
        if (cutover.legacyActs(STOCK_RESERVATION, transitionKey(id, "SHIPPED"))) {
            stock.ship(order);
            cutover.journal(STOCK_RESERVATION, transitionKey(id, "SHIPPED"), stockMovement(order, "SHIPPED"));
        }
        moveTo(order, OrderStatus.SHIPPED, "SHIPPED");
        if (cutover.legacyActs(WAREHOUSE_NOTIFICATION, orderKey(id))) {
            Customer customer = customerOf(order);
            warehouse.requestShipment(order, customer);
            cutover.journal(WAREHOUSE_NOTIFICATION, orderKey(id), WarehouseNotifier.shipmentFor(order, customer));
        }
        return get(id);
    }

    private Order lockInStatus(long id, OrderStatus required, String action) {
        Order order = orders.lockById(id).orElseThrow(() -> unknown(id));
        if (order.status() != required) {
            throw ConflictException.illegalTransition(id, order.status().name(), action);
        }
        return order;
    }

    private void moveTo(Order order, OrderStatus to, String action) {
        Instant now = clock.instant();
        orders.updateStatus(order.id(), to, now);
        auditTransition(order.id(), action, order.status().name(), to.name());
    }

    private void auditTransition(long id, String action, String from, String to) {
        if (cutover.legacyActs(ORDER_AUDIT, transitionKey(id, action))) {
            audit.orderTransition(id, action, from, to);
            Map<String, Object> row = new HashMap<>(Map.of("entity", "order", "entityId", id, "action", action,
                    "toStatus", to));
            if (from != null) {
                row.put("fromStatus", from);
            }
            cutover.journal(ORDER_AUDIT, transitionKey(id, action), row);
        }
    }

    private static Map<String, Object> stockMovement(Order order, String kind) {
        return Map.of("orderId", order.id(), "kind", kind, "lines", order.lines().stream()
                .map(line -> Map.of("productId", line.productId(), "quantity", line.quantity())).toList());
    }

    private Customer customerOf(Order order) {
        return customers.findById(order.customerId()).orElseThrow();
    }

    private static UnknownEntityException unknown(long id) {
        return new UnknownEntityException("order", id);
    }
}
