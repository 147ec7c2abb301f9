package io.cutover.plan.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The cutover WAR's admin REST API over HTTP Basic ({@code <base>/api/...}, JSON): for the CLI's commands that act on
 * the running consumers, and for scripts such as the demo.
 */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String user;
    private final String authorization;

    public AdminClient(String baseUrl, String user, String password) {
        this.base = baseUrl.replaceAll("/+$", "") + "/api";
        this.user = user;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET <base>/api<path>}; the parsed JSON answer. */
    public JsonNode get(String path) {
        return send(request(path).GET());
    }

    /** {@code POST <base>/api<path>} with {@code body} as JSON; the parsed JSON answer. */
    public JsonNode post(String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request: " + e.getMessage(), e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new AdminApiUnavailableException("cannot reach the admin API at " + base + ": is the cutover WAR running?", e);
        } catch (IOException e) {
            throw new AdminApiUnavailableException("the admin API at " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminApiUnavailableException("interrupted while calling the admin API", e);
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status < 300) {
            return body;
        }
        String detail = body.path("detail").asText(body.path("title").asText(response.body()));
        String method = built.method() + " " + built.uri().getPath();
        switch (status) {
            case 401:
                throw new AdminApiRefusedException(method + ": 401 not authenticated: check CUTOVER_ADMIN_USER and CUTOVER_ADMIN_PASSWORD",
                        status, body);
            case 403:
                throw new AdminApiRefusedException(method + ": 403 user '" + user + "' may not do this (changes need the operator role)",
                        status, body);
            default:
                if (status >= 500) {
                    throw new AdminApiUnavailableException(method + ": " + status + " " + detail);
                }
                throw new AdminApiRefusedException(method + ": " + status + " " + detail, status, body);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("detail", body);
        }
    }

    /** The API could not be reached or failed on its side: exit code 1. */
    public static final class AdminApiUnavailableException extends RuntimeException {
        AdminApiUnavailableException(String message) {
            super(message);
        }

        AdminApiUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The API refused the request (unknown consumer, missing reason, no rights): exit code 2. */
    public static final class AdminApiRefusedException extends RuntimeException {
        private final transient JsonNode problem;
        private final int status;

        AdminApiRefusedException(String message, int status, JsonNode problem) {
            super(message);
            this.status = status;
            this.problem = problem;
        }

        public int status() {
            return status;
        }

        /** The API's JSON problem ({@code status, title, detail} and, for a refused gate, {@code checks}). */
        public JsonNode problem() {
            return problem;
        }
    }
}
