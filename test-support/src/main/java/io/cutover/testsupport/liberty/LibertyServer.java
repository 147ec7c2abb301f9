package io.cutover.testsupport.liberty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

/**
 * One Open Liberty server of a built user directory, started and stopped with the runtime's own {@code server}
 * script. Configuration reaches the server as JVM system properties, which both server.xml variables and
 * MicroProfile Config read, so nothing is written into the server directory.
 */
public final class LibertyServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final int NOT_ANSWERING = -1;

    private final Path wlpHome;
    private final Path userDir;
    private final String name;
    private final int httpPort;
    private final Map<String, String> systemProperties;
    private boolean running;

    public LibertyServer(Path wlpHome, Path userDir, String name, int httpPort, Map<String, String> systemProperties) {
        this.wlpHome = requireDirectory(wlpHome.resolve("bin"), "Liberty runtime").getParent();
        this.userDir = requireDirectory(userDir.resolve("servers").resolve(name), "Liberty server").getParent().getParent();
        this.name = name;
        this.httpPort = httpPort;
        this.systemProperties = new LinkedHashMap<>(systemProperties);
        this.systemProperties.put("http.port", String.valueOf(httpPort));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Starts the server and waits until {@code readinessPath} answers 200, reporting progress now and then. */
    public void start(String readinessPath, Consumer<String> progress) {
        script("start", Duration.ofSeconds(120));
        running = true;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI readiness = URI.create(baseUrl() + readinessPath);
        RetryPolicy<Integer> untilReady = RetryPolicy.<Integer>builder()
                .handleResultIf(status -> status != 200)
                .withDelay(Duration.ofMillis(250))
                .withMaxDuration(START_TIMEOUT)
                .withMaxRetries(-1)
                .onRetry(attempt -> {
                    if (attempt.getAttemptCount() % 40 == 0) {
                        progress.accept("still waiting for " + readiness + " (" + attempt.getElapsedTime().toSeconds() + " s)");
                    }
                })
                .build();
        int status = Failsafe.with(untilReady).get(() -> status(http, readiness));
        if (status != 200) {
            throw new IllegalStateException("Liberty server '" + name + "' did not become ready within " + START_TIMEOUT
                    + " (last answer: " + (status == NOT_ANSWERING ? "none" : status) + "); see " + logFile());
        }
    }

    public Path logFile() {
        return userDir.resolve("servers").resolve(name).resolve("logs").resolve("messages.log");
    }

    @Override
    public void close() {
        if (running) {
            running = false;
            script("stop", Duration.ofSeconds(120));
        }
    }

    private void script(String action, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(wlpHome.resolve("bin").resolve("server").toString(), action, name));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("WLP_USER_DIR", userDir.toString());
        // JVM_ARGS rather than JAVA_TOOL_OPTIONS: the JVM echoes the latter, and it carries the database password
        builder.environment().put("JVM_ARGS", jvmArgs());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        try {
            Path output = Files.createTempFile("liberty-" + action, ".log");
            try {
                Process process = builder.redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("'server " + action + " " + name + "' did not finish within " + timeout);
                }
                // exit 1 on stop means "was not running": fine for an idempotent close
                boolean stopOfStoppedServer = action.equals("stop") && process.exitValue() == 1;
                if (process.exitValue() != 0 && !stopOfStoppedServer) {
                    throw new IllegalStateException("'server " + action + " " + name + "' failed with exit "
                            + process.exitValue() + ":\n" + Files.readString(output) + "see " + logFile());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running 'server " + action + "'", e);
        }
    }

    private String jvmArgs() {
        StringBuilder args = new StringBuilder("-XX:TieredStopAtLevel=1");
        systemProperties.forEach((key, value) -> args.append(" -D").append(key).append('=').append(value));
        return args.toString();
    }

    private static int status(HttpClient http, URI uri) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return NOT_ANSWERING;
        }
    }

    private static Path requireDirectory(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(what + " not found at " + dir + ": build first (./cutover build, or mvn -DskipTests package)");
        }
        return dir;
    }
}
