package io.cutover.testsupport.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback HTTP "warehouse" (JDK HttpServer): accepts any method on any path, records the request, answers
 * 202 with an empty body, or whatever {@link #respondWith(int)} set (failure tests). A request is recorded before
 * its response is sent, so it is in {@link #received()} once the client has its answer.
 */
public final class FakeWarehouse implements AutoCloseable {
    private static final int DEFAULT_STATUS = 202;

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<ReceivedRequest> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger status = new AtomicInteger(DEFAULT_STATUS);

    private FakeWarehouse(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on 127.0.0.1, on a free port. */
    public static FakeWarehouse start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
            AtomicInteger n = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "fake-warehouse-" + n.incrementAndGet());
                t.setDaemon(true); // never keeps a test JVM alive
                return t;
            });
            FakeWarehouse w = new FakeWarehouse(server, executor);
            server.createContext("/", w::handle);
            server.setExecutor(executor);
            server.start();
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake warehouse", e);
        }
    }

    /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234; append any path. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Snapshot, in arrival order. */
    public List<ReceivedRequest> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Status for later requests, e.g. 503 to make the caller retry; {@code respondWith(202)} restores. */
    public void respondWith(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        this.status.set(status);
    }

    /** Clears the records and restores 202. */
    public void reset() {
        received.clear();
        status.set(DEFAULT_STATUS);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant at = Instant.now();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(", ", v)));
            int answer = status.get(); // read once: the recorded request and its answer belong together
            received.add(new ReceivedRequest(exchange.getRequestMethod(), path, headers, body, at));
            exchange.sendResponseHeaders(answer, -1);
        }
    }
}
