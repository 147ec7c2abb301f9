package io.cutover.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The sample shop's REST API, as any HTTP client of the legacy app uses it. */
public final class ShopClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;

    public ShopClient(String appUrl) {
        this.api = appUrl + "/api";
    }

    public long createCustomer(String name, String email, String shippingAddress) {
        return post("/customers", Map.of("name", name, "email", email, "shippingAddress", shippingAddress))
                .get("id").asLong();
    }

    public long createProduct(String sku, String name, BigDecimal price, int stockOnHand) {
        return post("/products", Map.of("sku", sku, "name", name, "price", price, "stockOnHand", stockOnHand))
                .get("id").asLong();
    }

    public JsonNode placeOrder(long customerId, List<Map<String, Object>> lines) {
        return post("/orders", Map.of("customerId", customerId, "lines", lines));
    }

    public static Map<String, Object> line(long productId, int quantity) {
        return Map.of("productId", productId, "quantity", quantity);
    }

    public JsonNode confirm(long orderId) {
        return post("/orders/" + orderId + "/confirm", Map.of());
    }

    public JsonNode cancel(long orderId) {
        return post("/orders/" + orderId + "/cancel", Map.of());
    }

    public JsonNode ship(long orderId) {
        return post("/orders/" + orderId + "/ship", Map.of());
    }

    public JsonNode product(long productId) {
        return get("/products/" + productId);
    }

    private JsonNode post(String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(api + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            return send(request);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode request to " + path, e);
        }
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30)).build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.uri(), e);
        }
    }
}
