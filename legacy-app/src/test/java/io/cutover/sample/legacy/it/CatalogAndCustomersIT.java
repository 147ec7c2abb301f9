package io.cutover.sample.legacy.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.cutover.sample.legacy.it.OrderLifecycleIT.fields;
import static io.cutover.sample.legacy.it.ShopDb.count;
import static io.cutover.sample.legacy.it.ShopDb.rows;
import static io.cutover.sample.legacy.it.ShopDb.stock;
import static org.assertj.core.api.Assertions.assertThat;

/** Customers, products and stock over HTTP; problem answers for bad input; readiness. */
@LegacyIT
class CatalogAndCustomersIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.legacyApp();
    }

    @ArquillianResource
    URL base;

    ShopApi shop;

    @BeforeEach
    void setUp() {
        shop = new ShopApi(base);
    }

    @Test
    void createsACustomerReadsItBackAndAuditsIt() {
        ShopApi.Reply created = shop.post("customers",
                Map.of("name", "Ada Buyer", "email", "ada-" + System.nanoTime() + "@buyer.test",
                        "shippingAddress", "7 Elm Row, Leeds"));

        JsonNode customer = created.ok(201);
        long id = customer.get("id").asLong();
        assertThat(created.location()).endsWith("/api/customers/" + id);
        JsonNode read = shop.get("customers/" + id).ok(200);
        assertThat(read.get("name").asText()).isEqualTo("Ada Buyer");
        assertThat(read.get("email").asText()).isEqualTo(customer.get("email").asText());
        assertThat(read.get("shippingAddress").asText()).isEqualTo("7 Elm Row, Leeds");
        assertThat(read.get("loyaltyPoints").asLong()).isZero();
        assertThat(count("select count(*) from audit_log where entity = 'customer' and entity_id = ? "
                + "and action = 'CREATED'", id)).isEqualTo(1);
    }

    @Test
    void invalidCustomersAre400WithFieldErrors() {
        assertThat(fields(shop.post("customers", Map.of("name", " ")).problem(400)))
                .containsExactly("name", "email", "shippingAddress");
        assertThat(fields(shop.post("customers", Map.of("name", "N", "email", "not-an-address",
                "shippingAddress", "x")).problem(400))).containsExactly("email");
    }

    @Test
    void aSecondCustomerWithTheSameEmailIs409() {
        String email = shop.newCustomer("First Fay").get("email").asText();

        JsonNode problem = shop.post("customers", Map.of("name", "Second Fay", "email", email.toUpperCase(),
                "shippingAddress", "x")).problem(409);

        assertThat(problem.get("type").asText()).endsWith("/duplicate");
        assertThat(count("select count(*) from customers where lower(email) = lower(?)", email)).isEqualTo(1);
    }

    @Test
    void unknownIdsAre404Problems() {
        assertThat(shop.get("customers/123456789").problem(404).get("detail").asText())
                .isEqualTo("No customer with id 123456789");
        shop.get("products/123456789").problem(404);
        shop.post("products/123456789/stock", Map.of("delta", 1)).problem(404);
    }

    @Test
    void createsAProductWithItsStockAndJournalsTheReceipt() {
        JsonNode product = shop.newProduct("Kettle", "24.95", 12);
        long id = product.get("id").asLong();

        JsonNode read = shop.get("products/" + id).ok(200);
        assertThat(read.get("name").asText()).isEqualTo("Kettle");
        assertThat(read.get("price").decimalValue()).isEqualByComparingTo("24.95");
        assertThat(read.get("stockOnHand").asInt()).isEqualTo(12);
        assertThat(read.get("stockReserved").asInt()).isZero();
        assertThat(rows("select kind, quantity, order_id from stock_movements where product_id = ?", id))
                .containsExactly(row("kind", "RECEIVED", "quantity", 12, "order_id", null));
        assertThat(count("select count(*) from audit_log where entity = 'product' and entity_id = ?", id))
                .isEqualTo(1);
    }

    @Test
    void invalidProductsAre400AndDuplicateSkusAre409() {
        assertThat(fields(shop.post("products", Map.of("sku", "", "name", "Lamp", "price", -1)).problem(400)))
                .containsExactly("sku", "price", "stockOnHand");
        assertThat(fields(shop.post("products", Map.of("sku", "L-1", "name", "Lamp", "price", 1.005,
                "stockOnHand", -2)).problem(400))).containsExactly("price", "stockOnHand");
        String sku = shop.newProduct("Lamp", "9.00", 1).get("sku").asText();
        assertThat(shop.post("products", Map.of("sku", sku, "name", "Lamp 2", "price", 1, "stockOnHand", 1))
                .problem(409).get("type").asText()).endsWith("/duplicate");
    }

    @Test
    void adjustsStockUpAndDownAndJournalsEachChange() {
        long id = shop.newProduct("Mug", "4.50", 10).get("id").asLong();

        assertThat(shop.post("products/" + id + "/stock", Map.of("delta", 5, "reason", "delivery")).ok(200)
                .get("stockOnHand").asInt()).isEqualTo(15);
        assertThat(shop.post("products/" + id + "/stock", Map.of("delta", -3, "reason", "broken")).ok(200)
                .get("stockOnHand").asInt()).isEqualTo(12);

        assertThat(rows("select kind, quantity, reason from stock_movements where product_id = ? order by id", id))
                .containsExactly(row("kind", "RECEIVED", "quantity", 10, "reason", "initial stock"),
                        row("kind", "ADJUSTED", "quantity", 5, "reason", "delivery"),
                        row("kind", "ADJUSTED", "quantity", -3, "reason", "broken"));
        assertThat(fields(shop.post("products/" + id + "/stock", Map.of("delta", 0)).problem(400)))
                .containsExactly("delta");
        assertThat(fields(shop.post("products/" + id + "/stock", Map.of()).problem(400))).containsExactly("delta");
    }

    @Test
    void stockCannotBeWrittenOffBelowWhatConfirmedOrdersReserved() {
        long customer = shop.newCustomer("Reserving Rae").get("id").asLong();
        long id = shop.newProduct("Needle", "0.80", 5).get("id").asLong();
        long order = shop.placeOrder(customer, id, 4).get("id").asLong();
        shop.post("orders/" + order + "/confirm").ok(200);

        JsonNode problem = shop.post("products/" + id + "/stock", Map.of("delta", -2)).problem(409);

        assertThat(problem.get("type").asText()).endsWith("/insufficient-stock");
        assertThat(stock(id)).containsExactly(5, 4);
        assertThat(shop.post("products/" + id + "/stock", Map.of("delta", -1)).ok(200).get("stockOnHand").asInt())
                .isEqualTo(4);
    }

    @Test
    void unreadableBodiesUnknownPathsAndDatabaseFailuresAreJsonProblemsNotHtml() {
        assertThat(shop.post("customers", "{\"name\": ").problem(400).get("type").asText())
                .endsWith("/malformed-body");
        shop.get("no-such-resource").problem(404);
        // numeric(12,2) overflows in PostgreSQL: the legacy app never checks the upper bound
        JsonNode problem = shop.post("products", Map.of("sku", "BIG-" + System.nanoTime(), "name", "Yacht",
                "price", 99_999_999_999L, "stockOnHand", 1)).problem(500);
        assertThat(problem.get("type").asText()).endsWith("/internal-error");
        assertThat(problem.get("detail").asText()).doesNotContain("numeric", "insert");
    }

    @Test
    void readinessReportsTheDatabase() {
        JsonNode health = shop.getFromServerRoot("health/ready").ok(200);

        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("checks")).anySatisfy(check -> {
            assertThat(check.get("name").asText()).isEqualTo("database");
            assertThat(check.get("status").asText()).isEqualTo("UP");
        });
    }

    /** A map that allows null values, in the given order. */
    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
