package io.cutover.sample.legacy.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A small HTTP client for the shop's JSON API, with fixtures that create what a test needs. */
final class ShopApi {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One HTTP answer; {@code json} is null when the body is empty or not JSON. */
    record Reply(int status, String contentType, String location, String body, JsonNode json) {

        /** Asserts status and media type of an RFC 9457 problem and returns its JSON. */
        JsonNode problem(int expectedStatus) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            assertThat(contentType).as("content type").startsWith("application/problem+json");
            assertThat(json.get("status").asInt()).isEqualTo(expectedStatus);
            assertThat(json.get("type").asText()).startsWith("https://shop.legacy.test/problems/");
            assertThat(json.get("title").asText()).isNotBlank();
            assertThat(json.get("detail").asText()).isNotBlank();
            return json;
        }

        JsonNode ok(int expectedStatus) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            assertThat(contentType).startsWith("application/json");
            return json;
        }
    }

    private final URI api;
    private final URI root;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ShopApi(URL deploymentBase) {
        URI base = URI.create(deploymentBase.toString().replaceAll("/*$", "/"));
        this.api = base.resolve("api/");
        this.root = base.resolve("/");
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(api.resolve(path)).GET());
    }

    /** GET relative to the server root, e.g. {@code health/ready}. */
    Reply getFromServerRoot(String path) {
        return send(HttpRequest.newBuilder(root.resolve(path)).GET());
    }

    Reply post(String path, Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POST without a body, as the order transitions are called. */
    Reply post(String path) {
        return send(HttpRequest.newBuilder(api.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    // --- fixtures ---

    /** A new customer with a unique e-mail; returns its JSON. */
    JsonNode newCustomer(String name) {
        String email = name.toLowerCase().replaceAll("[^a-z]", "") + "-" + UUID.randomUUID() + "@buyer.test";
        return post("customers", Map.of("name", name, "email", email, "shippingAddress", "1 Main St, Springfield"))
                .ok(201);
    }

    /** A new product with a unique SKU; returns its JSON. */
    JsonNode newProduct(String name, String price, int stock) {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        return post("products", Map.of("sku", sku, "name", name, "price", new BigDecimal(price), "stockOnHand", stock))
                .ok(201);
    }

    /** Places an order with lines {productId, quantity, productId, quantity, ...}; returns its JSON. */
    JsonNode placeOrder(long customerId, long... productIdsAndQuantities) {
        return post("orders", orderBody(customerId, productIdsAndQuantities)).ok(201);
    }

    static Map<String, Object> orderBody(long customerId, long... productIdsAndQuantities) {
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (int i = 0; i < productIdsAndQuantities.length; i += 2) {
            lines.add(Map.of("productId", productIdsAndQuantities[i], "quantity", productIdsAndQuantities[i + 1]));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("lines", lines);
        return body;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = null;
            if (type.contains("json") && !r.body().isEmpty()) {
                json = JSON.readTree(r.body());
            }
            return new Reply(r.statusCode(), type, r.headers().firstValue("Location").orElse(null), r.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
