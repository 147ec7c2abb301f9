package io.cutover.sample.legacy.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.testsupport.fakes.FakeSmtpServer;
import io.cutover.testsupport.fakes.FakeWarehouse;
import io.cutover.testsupport.fakes.ReceivedMail;
import io.cutover.testsupport.fakes.ReceivedRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.cutover.sample.legacy.it.ShopDb.count;
import static io.cutover.sample.legacy.it.ShopDb.movements;
import static io.cutover.sample.legacy.it.ShopDb.orderAudit;
import static io.cutover.sample.legacy.it.ShopDb.rows;
import static io.cutover.sample.legacy.it.ShopDb.stock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The order lifecycle over HTTP against the built WAR, checking every side effect where it lands. */
@LegacyIT
class OrderLifecycleIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.legacyApp();
    }

    @ArquillianResource
    URL base;

    ShopApi shop;
    FakeSmtpServer smtp;
    FakeWarehouse warehouse;

    @BeforeEach
    void setUp() {
        shop = new ShopApi(base);
        smtp = LegacyEnvironment.current().smtp();
        warehouse = LegacyEnvironment.current().warehouse();
    }

    @Test
    void placingAnOrderPricesItAtCurrentPricesAndAuditsItWithoutTouchingStock() {
        long customer = shop.newCustomer("Placing Pat").get("id").asLong();
        long a = shop.newProduct("Anvil", "12.50", 10).get("id").asLong();
        long b = shop.newProduct("Bolt", "3.20", 5).get("id").asLong();

        ShopApi.Reply reply = shop.post("orders", ShopApi.orderBody(customer, a, 2, b, 3));

        JsonNode order = reply.ok(201);
        long id = order.get("id").asLong();
        assertThat(reply.location()).endsWith("/api/orders/" + id);
        assertThat(order.get("status").asText()).isEqualTo("PENDING");
        assertThat(order.get("total").decimalValue()).isEqualByComparingTo("34.60");
        assertThat(order.get("lines")).hasSize(2);
        assertThat(order.get("lines").get(0).get("unitPrice").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(order.get("lines").get(1).get("lineTotal").decimalValue()).isEqualByComparingTo("9.60");
        assertThat(shop.get("orders/" + id).ok(200)).isEqualTo(order);
        assertThat(orderAudit(id)).containsExactly("PLACED null->PENDING");
        assertThat(stock(a)).containsExactly(10, 0);
        assertThat(movements(id)).isEmpty();
    }

    @Test
    void confirmReservesStockAwardsPointsMailsTheCustomerAndAuditsInOneRequest() {
        JsonNode customer = shop.newCustomer("Confirming Cleo");
        long customerId = customer.get("id").asLong();
        String email = customer.get("email").asText();
        JsonNode widget = shop.newProduct("Widget", "19.99", 10);
        long a = widget.get("id").asLong();
        long b = shop.newProduct("Gadget", "5.00", 3).get("id").asLong();
        long id = shop.placeOrder(customerId, a, 2, b, 3).get("id").asLong();   // 39.98 + 15.00

        JsonNode confirmed = shop.post("orders/" + id + "/confirm").ok(200);

        assertThat(confirmed.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("confirmedAt").asText()).isNotBlank();
        // (3) stock reserved, journaled
        assertThat(stock(a)).containsExactly(10, 2);
        assertThat(stock(b)).containsExactly(3, 3);
        assertThat(movements(id)).containsExactly("RESERVED " + a + " 2", "RESERVED " + b + " 3");
        // (2) loyalty: 54.98 -> 54 points
        assertThat(rows("select customer_id, points, reason from loyalty_ledger where order_id = ?", id))
                .containsExactly(Map.of("customer_id", customerId, "points", 54, "reason", "ORDER_CONFIRMED"));
        assertThat(shop.get("customers/" + customerId).ok(200).get("loyaltyPoints").asLong()).isEqualTo(54);
        // (5) audit
        assertThat(orderAudit(id)).containsExactly("PLACED null->PENDING", "CONFIRMED PENDING->CONFIRMED");
        // (1) the mail, over real SMTP
        List<ReceivedMail> mails = await("confirmation mail to " + email).atMost(Duration.ofSeconds(10))
                .until(() -> smtp.receivedBy(email), m -> !m.isEmpty());
        assertThat(mails).hasSize(1);
        ReceivedMail mail = mails.get(0);
        assertThat(mail.subject()).isEqualTo("Order " + id + " confirmed");
        assertThat(mail.from()).isEqualTo("shop@legacy.test");
        assertThat(mail.to()).containsExactly(email);
        assertThat(mail.body()).contains("Dear Confirming Cleo", "2 x Widget (" + widget.get("sku").asText() + ")",
                "3 x Gadget", "Total: 54.98", "1 Main St, Springfield");
    }

    @Test
    void cancellingAConfirmedOrderReleasesItsStock() {
        long customer = shop.newCustomer("Cancelling Cal").get("id").asLong();
        long a = shop.newProduct("Crate", "7.00", 8).get("id").asLong();
        long id = shop.placeOrder(customer, a, 5).get("id").asLong();
        shop.post("orders/" + id + "/confirm").ok(200);
        assertThat(stock(a)).containsExactly(8, 5);

        JsonNode cancelled = shop.post("orders/" + id + "/cancel").ok(200);

        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("cancelledAt").asText()).isNotBlank();
        assertThat(stock(a)).containsExactly(8, 0);
        assertThat(movements(id)).containsExactly("RESERVED " + a + " 5", "RELEASED " + a + " -5");
        assertThat(orderAudit(id)).containsExactly("PLACED null->PENDING", "CONFIRMED PENDING->CONFIRMED",
                "CANCELLED CONFIRMED->CANCELLED");
        // documented legacy behaviour: points are not taken back
        assertThat(count("select count(*) from loyalty_ledger where order_id = ?", id)).isEqualTo(1);
    }

    @Test
    void cancellingAPendingOrderTouchesNoStock() {
        long customer = shop.newCustomer("Pending Pia").get("id").asLong();
        long a = shop.newProduct("Drum", "30.00", 2).get("id").asLong();
        long id = shop.placeOrder(customer, a, 1).get("id").asLong();

        assertThat(shop.post("orders/" + id + "/cancel").ok(200).get("status").asText()).isEqualTo("CANCELLED");

        assertThat(stock(a)).containsExactly(2, 0);
        assertThat(movements(id)).isEmpty();
        assertThat(orderAudit(id)).containsExactly("PLACED null->PENDING", "CANCELLED PENDING->CANCELLED");
    }

    @Test
    void shippingTakesStockOffTheShelfAndNotifiesTheWarehouse() {
        JsonNode customer = shop.newCustomer("Shipping Sam");
        long customerId = customer.get("id").asLong();
        JsonNode product = shop.newProduct("Easel", "45.00", 6);
        long a = product.get("id").asLong();
        long id = shop.placeOrder(customerId, a, 4).get("id").asLong();
        shop.post("orders/" + id + "/confirm").ok(200);

        JsonNode shipped = shop.post("orders/" + id + "/ship").ok(200);

        assertThat(shipped.get("status").asText()).isEqualTo("SHIPPED");
        assertThat(shipped.get("shippedAt").asText()).isNotBlank();
        assertThat(stock(a)).containsExactly(2, 0);
        assertThat(movements(id)).containsExactly("RESERVED " + a + " 4", "SHIPPED " + a + " -4");
        assertThat(orderAudit(id)).endsWith("SHIPPED CONFIRMED->SHIPPED");
        // (4) the warehouse got the shipment request, before the response came back
        List<ReceivedRequest> requests = requestsFor(id);
        assertThat(requests).hasSize(1);
        ReceivedRequest request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/shipments");
        assertThat(request.header("content-type")).startsWith("application/json");
        JsonNode body = json(request.body());
        assertThat(body.get("orderId").asLong()).isEqualTo(id);
        assertThat(body.at("/shipTo/customerId").asLong()).isEqualTo(customerId);
        assertThat(body.at("/shipTo/name").asText()).isEqualTo("Shipping Sam");
        assertThat(body.at("/shipTo/email").asText()).isEqualTo(customer.get("email").asText());
        assertThat(body.at("/shipTo/address").asText()).isEqualTo("1 Main St, Springfield");
        assertThat(body.get("lines")).hasSize(1);
        assertThat(body.at("/lines/0/productId").asLong()).isEqualTo(a);
        assertThat(body.at("/lines/0/sku").asText()).isEqualTo(product.get("sku").asText());
        assertThat(body.at("/lines/0/quantity").asInt()).isEqualTo(4);
    }

    @Test
    void shipIs502AndRolledBackWhenTheWarehouseAnswers503() {
        long customer = shop.newCustomer("Unlucky Una").get("id").asLong();
        long a = shop.newProduct("Fan", "15.00", 5).get("id").asLong();
        long id = shop.placeOrder(customer, a, 2).get("id").asLong();
        shop.post("orders/" + id + "/confirm").ok(200);

        warehouse.respondWith(503);
        ShopApi.Reply reply;
        try {
            reply = shop.post("orders/" + id + "/ship");
        } finally {
            warehouse.respondWith(202);
        }

        assertThat(reply.problem(502).get("type").asText()).endsWith("/upstream-failed");
        assertThat(reply.json().get("detail").asText()).contains("503");
        assertThat(requestsFor(id)).hasSize(1);   // it was asked, and said no
        assertThat(shop.get("orders/" + id).ok(200).get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(orderAudit(id)).containsExactly("PLACED null->PENDING", "CONFIRMED PENDING->CONFIRMED");
        assertThat(stock(a)).containsExactly(5, 2);
        assertThat(movements(id)).containsExactly("RESERVED " + a + " 2");
        // once the warehouse is back, the same order ships
        assertThat(shop.post("orders/" + id + "/ship").ok(200).get("status").asText()).isEqualTo("SHIPPED");
    }

    @Test
    void illegalTransitionsAre409AndChangeNothing() {
        long customer = shop.newCustomer("Impatient Ivo").get("id").asLong();
        long a = shop.newProduct("Gong", "99.00", 3).get("id").asLong();
        long id = shop.placeOrder(customer, a, 1).get("id").asLong();

        assertIllegal(shop.post("orders/" + id + "/ship"), "PENDING");
        shop.post("orders/" + id + "/confirm").ok(200);
        assertIllegal(shop.post("orders/" + id + "/confirm"), "CONFIRMED");
        shop.post("orders/" + id + "/ship").ok(200);
        assertIllegal(shop.post("orders/" + id + "/cancel"), "SHIPPED");
        assertIllegal(shop.post("orders/" + id + "/confirm"), "SHIPPED");

        assertThat(orderAudit(id)).containsExactly("PLACED null->PENDING", "CONFIRMED PENDING->CONFIRMED",
                "SHIPPED CONFIRMED->SHIPPED");
        assertThat(requestsFor(id)).hasSize(1);
    }

    @Test
    void confirmingMoreThanIsAvailableIs409AndReservesNothing() {
        JsonNode customer = shop.newCustomer("Greedy Gus");
        long customerId = customer.get("id").asLong();
        long plenty = shop.newProduct("Hammer", "10.00", 50).get("id").asLong();
        JsonNode scarce = shop.newProduct("Harp", "500.00", 3);
        long harp = scarce.get("id").asLong();
        long first = shop.placeOrder(customerId, harp, 2).get("id").asLong();
        long second = shop.placeOrder(customerId, plenty, 5, harp, 2).get("id").asLong();
        shop.post("orders/" + first + "/confirm").ok(200);

        JsonNode problem = shop.post("orders/" + second + "/confirm").problem(409);

        assertThat(problem.get("type").asText()).endsWith("/insufficient-stock");
        assertThat(problem.get("detail").asText()).contains(scarce.get("sku").asText(), "2 requested", "1 available");
        // the first line's reservation was rolled back with everything else
        assertThat(stock(plenty)).containsExactly(50, 0);
        assertThat(stock(harp)).containsExactly(3, 2);
        assertThat(movements(second)).isEmpty();
        assertThat(shop.get("orders/" + second).ok(200).get("status").asText()).isEqualTo("PENDING");
        assertThat(orderAudit(second)).containsExactly("PLACED null->PENDING");
        assertThat(count("select count(*) from loyalty_ledger where order_id = ?", second)).isZero();
        assertThat(smtp.receivedBy(customer.get("email").asText())).extracting(ReceivedMail::subject)
                .containsExactly("Order " + first + " confirmed");
    }

    @Test
    void invalidOrdersAre400WithFieldErrorsAndStoreNothing() {
        long customer = shop.newCustomer("Sloppy Sid").get("id").asLong();
        long a = shop.newProduct("Ink", "2.00", 5).get("id").asLong();

        assertThat(fields(shop.post("orders", Map.of()).problem(400))).containsExactly("customerId", "lines");
        assertThat(fields(shop.post("orders", Map.of("customerId", customer, "lines",
                List.of(Map.of("productId", a, "quantity", 0), Map.of("quantity", 1)))).problem(400)))
                .containsExactly("lines[0].quantity", "lines[1].productId");
        assertThat(fields(shop.post("orders", ShopApi.orderBody(999_999_999L, a, 1, 888_888_888L, 1))
                .problem(400))).containsExactly("customerId", "lines[1].productId");
        assertThat(count("select count(*) from orders where customer_id = ?", customer)).isZero();
    }

    @Test
    void unknownOrdersAre404() {
        assertThat(shop.get("orders/987654321").problem(404).get("detail").asText())
                .isEqualTo("No order with id 987654321");
        for (String action : List.of("confirm", "cancel", "ship")) {
            shop.post("orders/987654321/" + action).problem(404);
        }
    }

    @Test
    void listsOrdersByStatusNewestFirst() {
        long customer = shop.newCustomer("Listing Lou").get("id").asLong();
        long a = shop.newProduct("Jar", "1.50", 10).get("id").asLong();
        long pending = shop.placeOrder(customer, a, 1).get("id").asLong();
        long confirmed = shop.placeOrder(customer, a, 1).get("id").asLong();
        long newer = shop.placeOrder(customer, a, 1).get("id").asLong();
        shop.post("orders/" + confirmed + "/confirm").ok(200);
        shop.post("orders/" + newer + "/confirm").ok(200);

        List<Long> confirmedIds = ids(shop.get("orders?status=CONFIRMED").ok(200));
        assertThat(confirmedIds).contains(confirmed, newer).doesNotContain(pending);
        assertThat(confirmedIds.indexOf(newer)).isLessThan(confirmedIds.indexOf(confirmed));
        assertThat(ids(shop.get("orders?status=pending").ok(200))).contains(pending).doesNotContain(confirmed);
        assertThat(ids(shop.get("orders").ok(200))).contains(pending, confirmed, newer);
        assertThat(fields(shop.get("orders?status=LOST").problem(400))).containsExactly("status");
    }

    private void assertIllegal(ShopApi.Reply reply, String currentStatus) {
        JsonNode problem = reply.problem(409);
        assertThat(problem.get("type").asText()).endsWith("/illegal-transition");
        assertThat(problem.get("detail").asText()).contains("is " + currentStatus);
    }

    private List<ReceivedRequest> requestsFor(long orderId) {
        return warehouse.received().stream()
                .filter(r -> r.body() != null && !r.body().isEmpty() && json(r.body()).path("orderId").asLong() == orderId)
                .toList();
    }

    static JsonNode json(String text) {
        try {
            return ShopApi.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> fields(JsonNode problem) {
        assertThat(problem.get("type").asText()).endsWith("/validation-failed");
        return StreamSupport.stream(problem.get("errors").spliterator(), false)
                .map(e -> e.get("field").asText()).toList();
    }

    private static List<Long> ids(JsonNode orders) {
        return StreamSupport.stream(orders.spliterator(), false).map(o -> o.get("id").asLong())
                .toList();
    }
}
