package io.cutover.sample.legacy.it;

import io.cutover.sample.legacy.catalog.NewProduct;
import io.cutover.sample.legacy.catalog.ProductService;
import io.cutover.sample.legacy.catalog.StockAdjustment;
import io.cutover.sample.legacy.customer.CustomerService;
import io.cutover.sample.legacy.customer.NewCustomer;
import io.cutover.sample.legacy.db.Jdbc;
import io.cutover.sample.legacy.order.Order;
import io.cutover.sample.legacy.order.OrderService;
import io.cutover.sample.legacy.order.OrderStatus;
import io.cutover.sample.legacy.order.PlaceOrder;
import io.cutover.sample.legacy.problem.ConflictException;
import io.cutover.sample.legacy.problem.Problem;
import io.cutover.sample.legacy.problem.UnexpectedExceptionMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs inside Liberty against the app's own CDI beans: one confirm is one JTA transaction, so a failure half-way
 * leaves none of its database effects behind. (JUnit assertions only: AssertJ is not deployed.)
 */
@LegacyIT
class OrderServiceInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.legacyApp("legacy-app-incontainer")
                .addClasses(OrderServiceInContainerIT.class, LegacyIT.class, LegacyEnvironmentExtension.class);
    }

    @Inject
    CustomerService customers;

    @Inject
    ProductService products;

    @Inject
    OrderService orders;

    @Inject
    Jdbc jdbc;

    @Test
    void aConfirmThatRunsOutOfStockHalfWayLeavesNoTrace() {
        long customer = customers.create(new NewCustomer("Tx Tess", "tess-" + UUID.randomUUID() + "@buyer.test",
                "2 Quay, Hull")).id();
        long plenty = products.create(new NewProduct(sku(), "Pail", new BigDecimal("3.00"), 10)).id();
        long scarce = products.create(new NewProduct(sku(), "Quill", new BigDecimal("8.00"), 1)).id();
        Order order = orders.place(new PlaceOrder(customer, List.of(new PlaceOrder.Line(plenty, 4),
                new PlaceOrder.Line(scarce, 2))));

        assertThrows(ConflictException.class, () -> orders.confirm(order.id()));

        assertEquals(OrderStatus.PENDING, orders.get(order.id()).status());
        assertEquals(0, products.get(plenty).stockReserved(), "first line's reservation rolled back");
        assertEquals(0L, count("select count(*) from stock_movements where order_id = ?", order.id()));
        assertEquals(0L, count("select count(*) from loyalty_ledger where order_id = ?", order.id()));
        assertEquals(1L, count("select count(*) from audit_log where entity = 'order' and entity_id = ?", order.id()));

        products.adjustStock(scarce, new StockAdjustment(1, "late delivery"));
        assertEquals(OrderStatus.CONFIRMED, orders.confirm(order.id()).status());
        assertEquals(4, products.get(plenty).stockReserved());
        assertEquals(2, products.get(scarce).stockReserved());
        assertEquals(28L, count("select coalesce(sum(points), 0) from loyalty_ledger where order_id = ?", order.id()));
        assertEquals(2L, count("select count(*) from audit_log where entity = 'order' and entity_id = ?", order.id()));
    }

    @Test
    void unexpectedFailuresBecomeJson500Problems() {
        Response response = new UnexpectedExceptionMapper().toResponse(new IllegalStateException("boom"));

        assertEquals(500, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        String body = (String) response.getEntity();
        assertTrue(body.contains("\"type\":\"https://shop.legacy.test/problems/internal-error\""), body);
        assertTrue(body.contains("\"status\":500"), body);
        assertTrue(!body.contains("boom"), "no exception message leaks: " + body);
    }

    private long count(String sql, long id) {
        return jdbc.queryOne(sql, rs -> rs.getLong(1), id).orElseThrow();
    }

    private static String sku() {
        return "IC-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
