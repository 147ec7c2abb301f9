package io.cutover.sample.legacy.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;

import static io.cutover.sample.legacy.it.ShopDb.count;
import static io.cutover.sample.legacy.it.ShopDb.movements;
import static io.cutover.sample.legacy.it.ShopDb.orderAudit;
import static io.cutover.sample.legacy.it.ShopDb.stock;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same WAR on the same server, configured (MicroProfile Config in the WAR, above the JVM's -D values) against
 * an SMTP port nobody listens on and a warehouse that accepts connections but never answers.
 */
@LegacyIT
class OutsideSystemsDownIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        LegacyEnvironment env = LegacyEnvironment.current();
        return Deployments.legacyAppWithConfig("legacy-app-outage", Map.of(
                "legacy.smtp.host", "127.0.0.1",
                "legacy.smtp.port", String.valueOf(env.closedPort()),
                "legacy.warehouse.url", env.silentUrl(),
                "legacy.warehouse.timeout.ms", "1000"));
    }

    @ArquillianResource
    URL base;

    ShopApi shop;

    @BeforeEach
    void setUp() {
        shop = new ShopApi(base);
    }

    @Test
    void confirmSucceedsWithoutAMailWhenTheSmtpServerIsDown() {
        JsonNode customer = shop.newCustomer("Offline Olga");
        long a = shop.newProduct("Oar", "20.00", 4).get("id").asLong();
        long id = shop.placeOrder(customer.get("id").asLong(), a, 2).get("id").asLong();

        JsonNode confirmed = shop.post("orders/" + id + "/confirm").ok(200);

        assertThat(confirmed.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(stock(a)).containsExactly(4, 2);
        assertThat(count("select points from loyalty_ledger where order_id = ?", id)).isEqualTo(40);
        assertThat(orderAudit(id)).containsExactly("PLACED null->PENDING", "CONFIRMED PENDING->CONFIRMED");
        // the mail is lost: sending is synchronous, so nothing can still be on its way
        assertThat(LegacyEnvironment.current().smtp().receivedBy(customer.get("email").asText())).isEmpty();
    }

    @Test
    void shipIs502AndRolledBackWhenTheWarehouseTimesOut() {
        long customer = shop.newCustomer("Waiting Wim").get("id").asLong();
        long a = shop.newProduct("Wok", "33.00", 3).get("id").asLong();
        long id = shop.placeOrder(customer, a, 1).get("id").asLong();
        shop.post("orders/" + id + "/confirm").ok(200);

        JsonNode problem = shop.post("orders/" + id + "/ship").problem(502);

        assertThat(problem.get("type").asText()).endsWith("/upstream-failed");
        assertThat(problem.get("detail").asText()).contains("timed out");
        assertThat(shop.get("orders/" + id).ok(200).get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(orderAudit(id)).doesNotContain("SHIPPED CONFIRMED->SHIPPED");
        assertThat(stock(a)).containsExactly(3, 1);
        assertThat(movements(id)).containsExactly("RESERVED " + a + " 1");
    }
}
