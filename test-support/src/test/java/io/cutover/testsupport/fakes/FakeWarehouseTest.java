package io.cutover.testsupport.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeWarehouseTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FakeWarehouse warehouse;

    @BeforeEach
    void start() {
        warehouse = FakeWarehouse.start();
    }

    @AfterEach
    void stop() {
        warehouse.close();
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(warehouse.url() + path))
                .header("Content-Type", "application/json").header("Idempotency-Key", "order-42")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recordsAPostAndAnswers202() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> res = post("/shipments?priority=high", "{\"orderId\":42}");

        assertThat(res.statusCode()).isEqualTo(202);
        assertThat(warehouse.url()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(warehouse.received()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/shipments?priority=high");
            assertThat(r.body()).isEqualTo("{\"orderId\":42}");
            assertThat(r.header("content-type")).isEqualTo("application/json");
            assertThat(r.headers()).containsEntry("Idempotency-Key", "order-42");
            assertThat(r.receivedAt()).isBetween(before, Instant.now());
        });
    }

    @Test
    void respondWithMakesLaterRequestsFailUntilRestoredAndResetClears() throws Exception {
        assertThat(post("/a", "1").statusCode()).isEqualTo(202);
        warehouse.respondWith(503);
        assertThat(post("/b", "2").statusCode()).isEqualTo(503);
        assertThat(post("/c", "3").statusCode()).isEqualTo(503);
        warehouse.respondWith(202);
        assertThat(post("/d", "4").statusCode()).isEqualTo(202);
        assertThat(warehouse.received()).extracting(ReceivedRequest::path).containsExactly("/a", "/b", "/c", "/d");

        warehouse.respondWith(500);
        warehouse.reset();

        assertThat(warehouse.received()).isEmpty();
        assertThat(post("/e", "5").statusCode()).isEqualTo(202);
        assertThat(warehouse.received()).extracting(ReceivedRequest::method).containsExactly("POST");
        assertThatThrownBy(() -> warehouse.respondWith(42)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsAnyMethodAndPathAndStopsListeningOnClose() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(warehouse.url() + "/stock/sku-1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(warehouse.url()))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(202);
        assertThat(put.statusCode()).isEqualTo(202);
        assertThat(warehouse.received()).extracting(r -> r.method() + " " + r.path()).containsExactly("GET /stock/sku-1", "PUT /");

        warehouse.close();

        assertThatThrownBy(() -> post("/late", "x")).isInstanceOf(ConnectException.class);
    }
}
