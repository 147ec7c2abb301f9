package io.cutover.sample.legacy.effects;

import io.cutover.sample.legacy.customer.Customer;
import io.cutover.sample.legacy.order.Order;
import io.cutover.sample.legacy.problem.UpstreamFailureException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Side effect: tells the warehouse to ship, {@code POST {legacy.warehouse.url}/shipments} with a JSON
 * {@link Shipment}, while the ship request runs. A non-2xx answer, a timeout or a connection failure throws
 * {@link UpstreamFailureException} (502): the ship transaction rolls back and the order stays CONFIRMED.
 */
@ApplicationScoped
public class WarehouseNotifier {

    public static final String PATH = "/shipments";
    private static final Logger LOG = Logger.getLogger(WarehouseNotifier.class.getName());
    private static final Jsonb JSONB = JsonbBuilder.create();

    /** The request body. */
    public record Shipment(long orderId, ShipTo shipTo, List<Line> lines) {
    }

    public record ShipTo(long customerId, String name, String email, String address) {
    }

    public record Line(long productId, String sku, int quantity) {
    }

    @Inject
    @ConfigProperty(name = "legacy.warehouse.url", defaultValue = "http://localhost:8081")
    String baseUrl;

    @Inject
    @ConfigProperty(name = "legacy.warehouse.timeout.ms", defaultValue = "5000")
    int timeoutMillis;

    private HttpClient http;
    private URI shipments;

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(timeoutMillis))
                .build();
        shipments = URI.create(baseUrl.replaceAll("/+$", "") + PATH);
    }

    public static Shipment shipmentFor(Order order, Customer customer) {
        return new Shipment(order.id(),
                new ShipTo(customer.id(), customer.name(), customer.email(), customer.shippingAddress()),
                order.lines().stream().map(l -> new Line(l.productId(), l.sku(), l.quantity())).toList());
    }

    public void requestShipment(Order order, Customer customer) {
        HttpRequest request = HttpRequest.newBuilder(shipments)
                .timeout(Duration.ofMillis(timeoutMillis))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONB.toJson(shipmentFor(order, customer))))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UpstreamFailureException("Warehouse not reachable for order " + order.id() + " at " + shipments
                    + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamFailureException("Interrupted while notifying the warehouse", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new UpstreamFailureException("Warehouse answered " + response.statusCode() + " for order "
                    + order.id(), null);
        }
        LOG.info(() -> "Warehouse accepted shipment of order " + order.id() + " (" + response.statusCode() + ")");
    }
}
