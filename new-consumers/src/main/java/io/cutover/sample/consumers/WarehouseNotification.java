package io.cutover.sample.consumers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.cutover.consumers.spi.Accepts;
import io.cutover.consumers.spi.Consumer;
import io.cutover.consumers.spi.OutsidePort;

/**
 * Flow {@code warehouse-notification}: on {@code OrderShipped}, {@code POST {warehouseUrl}/shipments} with the legacy
 * notifier's {@link Shipment} JSON and an {@code Idempotency-Key} header, so the warehouse can drop the repeat of a
 * call whose answer was lost. Occurrence key: the order id.
 * <p>
 * Unlike the legacy notifier, whose failure (non-2xx, timeout, no connection) fails the ship request with 502 and
 * rolls it back, a failure here cannot undo the committed ship: it is retried, then dead-lettered.
 */
public final class WarehouseNotification {
    public static final String FLOW = "warehouse-notification";
    public static final String PATH = "/shipments";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    /** The request body, the same records as the legacy {@code WarehouseNotifier.Shipment}. */
    public record Shipment(long orderId, ShipTo shipTo, List<Line> lines) {
        public Shipment {
            lines = List.copyOf(lines);
        }
    }

    public record ShipTo(long customerId, String name, String email, String address) {
    }

    public record Line(long productId, String sku, int quantity) {
    }

    /** JSON-B (the legacy side) writes properties in lexicographic order; so does this, for the same bytes. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .build();

    private WarehouseNotification() {
    }

    static Consumer consumer(ShopTables shop, OutsidePort<Shipment> warehouse) {
        return Consumer.named(FLOW)
                .accepts(Accepts.of(ShopEvents.ORDER_SHIPPED, ShopEvents.VERSION))
                .fires(FLOW, event -> String.valueOf(ShopEvents.orderId(event)))
                .handles((event, effects) -> {
                    ShopTables.Order order = shop.order(ShopEvents.orderId(event));
                    ShopTables.Customer c = shop.customer(order.customerId());
                    effects.call(warehouse, new Shipment(order.id(),
                            new ShipTo(c.id(), c.name(), c.email(), c.shippingAddress()),
                            order.lines().stream().map(l -> new Line(l.productId(), l.sku(), l.quantity())).toList()));
                });
    }

    static String body(Shipment shipment) {
        try {
            return JSON.writeValueAsString(shipment);
        } catch (JsonProcessingException e) {
            throw new SampleConsumerException("cannot write shipment of order " + shipment.orderId(), e);
        }
    }

    /** Real HTTP over the JDK client, HTTP/1.1 and timeouts as the legacy notifier. */
    static final class Http implements OutsidePort<Shipment> {
        private final HttpClient http;
        private final URI shipments;
        private final Duration timeout;

        Http(SampleConsumersConfig config) {
            this.timeout = config.warehouseTimeout();
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
            this.shipments = URI.create(config.warehouseUrl().toString().replaceAll("/+$", "") + PATH);
        }

        @Override
        public void call(Shipment shipment, String idempotencyKey) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(shipments)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(IDEMPOTENCY_HEADER, idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body(shipment)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new SampleConsumerException("warehouse answered " + response.statusCode() + " for order "
                        + shipment.orderId() + " at " + shipments);
            }
        }

        @Override
        public String name() {
            return "warehouse";
        }

        /** The legacy journal's descriptor is the shipment itself. */
        @Override
        public JsonNode describe(Shipment shipment) {
            return JSON.valueToTree(shipment);
        }
    }
}
