package io.cutover.war;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricRegistry;

import io.cutover.consumers.spi.Consumer;
import io.cutover.consumers.spi.ConsumerProvider;
import io.cutover.plan.host.CutoverHost;
import io.cutover.plan.host.HostSettings;
import io.cutover.plan.host.HostStarter;

/**
 * Starts the {@link CutoverHost} when the application starts and closes it when it stops. Everything comes from
 * MicroProfile Config (server.xml variables, environment, {@code -D}). A host that cannot start (database down, the
 * legacy schema not there yet, bad catalog) leaves the application up with its reason, so the startup health check
 * and the API say why, and is tried again every {@value #START_RETRY_MS} (0: never).
 */
@ApplicationScoped
public class HostLifecycle {
    /** The class of the application's {@link ConsumerProvider}. */
    static final String PROVIDER = "cutover.consumers.provider";
    static final String START_RETRY_MS = "cutover.start.retry-ms";
    private static final long DEFAULT_START_RETRY_MS = 30_000;
    static final List<String> ADMIN_PASSWORDS = List.of("cutover.admin.operator.password", "cutover.admin.viewer.password");

    @Inject
    Config config;
    @Inject
    MetricRegistry metrics;
    @Resource(lookup = "jdbc/cutover")
    DataSource dataSource;
    /** Runs the capture engine (holds one thread for the bridge's lifetime). */
    @Resource
    ManagedExecutorService executor;
    /** Runs the start attempts and the periodic shadow comparison. */
    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile HostStarter starter;

    /**
     * Starts in the background, not in the observer: Liberty runs managed tasks submitted during application start only
     * once the application has started, and the bridge's start waits for its engine task.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object application) {
        starter = new HostStarter(this::startHost, scheduler,
                Duration.ofMillis(config.getOptionalValue(START_RETRY_MS, Long.class).orElse(DEFAULT_START_RETRY_MS)),
                host -> HostGauges.register(metrics, host));
        starter.start();
    }

    private CutoverHost startHost() {
        Function<String, Optional<String>> lookup = key -> config.getOptionalValue(key, String.class);
        for (String key : ADMIN_PASSWORDS) {
            if (lookup.apply(key).filter(v -> !v.isBlank()).isEmpty()) {
                throw new IllegalStateException(key + ": required (set it in the environment or as -D; it has no default)");
            }
        }
        HostSettings settings = HostSettings.from(lookup);
        ConsumerProvider provider = ConsumerProvider.byClassName(lookup.apply(PROVIDER)
                .orElseThrow(() -> new IllegalStateException(PROVIDER + ": required (the class of the application's "
                        + "ConsumerProvider)")), HostLifecycle.class.getClassLoader());
        List<Consumer> consumers = provider.consumers(dataSource, lookup);
        return CutoverHost.builder(settings, dataSource).consumers(consumers).bridgeExecutor(executor)
                .scheduler(scheduler).clock(Clock.systemUTC()).start();
    }

    /** The running host, or empty with {@link #notStartedBecause()}. */
    public Optional<CutoverHost> host() {
        return starter == null ? Optional.empty() : starter.host();
    }

    public String notStartedBecause() {
        return starter == null ? "starting" : starter.notStartedBecause();
    }

    @PreDestroy
    void stop() {
        if (starter != null) {
            starter.close();
        }
    }
}
