package io.cutover.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.testsupport.LoopbackPorts;
import io.cutover.testsupport.Teardown;
import io.cutover.testsupport.fakes.FakeSmtpServer;
import io.cutover.testsupport.fakes.FakeWarehouse;
import io.cutover.testsupport.liberty.LibertyServer;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.ThrowawayPostgres;

/**
 * Everything the demo runs on, started in dependency order (database and outside systems before Liberty, which
 * must learn their ports) and closed in reverse, also when a step fails half-way.
 */
public final class DemoEnvironment implements AutoCloseable {

    /** Where the built Liberty runtime and the demo's server directory are; set by ./cutover and the build. */
    public record Layout(Path wlpHome, Path userDir) {
        public static Layout fromSystemProperties() {
            return new Layout(Path.of(required("cutover.wlp.home")), Path.of(required("cutover.demo.usr.dir")));
        }

        static String required(String key) {
            String value = System.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("system property " + key + " is not set: run the demo with ./cutover demo");
            }
            return value;
        }
    }

    static final String LEGACY_SERVER = "legacyServer";
    static final String LEGACY_CONTEXT = "/legacy-app";
    static final String CUTOVER_SERVER = "cutoverServer";
    static final String CUTOVER_CONTEXT = "/cutover";
    static final String OPERATOR = "operator";
    /**
     * The shop's side effects as flows, the ids its shim uses (also the flows of its plan.yaml); registered before the
     * legacy server starts, so the shim finds them on its first request.
     */
    static final List<String> SHOP_FLOWS = List.of("confirmation-mail", "loyalty-points", "stock-reservation",
            "warehouse-notification", "order-audit");

    private final Teardown started = new Teardown("the demo environment");
    private final Layout layout;
    private final Map<String, String> legacySettings;
    final ThrowawayPostgres postgres;
    final Database legacyDatabase;
    final FlagStore flags;
    final FakeSmtpServer smtp;
    final FakeWarehouse warehouse;
    final LibertyServer legacyServer;

    private DemoEnvironment(Layout layout, Consumer<String> progress) {
        this.layout = layout;
        try {
            progress.accept("starting PostgreSQL (wal_level=logical) ...");
            postgres = remember(ThrowawayPostgres.start());
            legacyDatabase = postgres.createDatabase("legacy");
            started.add(() -> postgres.dropDatabase(legacyDatabase));
            progress.accept("PostgreSQL (" + postgres.kind() + ") on " + postgres.host() + ":" + postgres.port()
                    + ", database " + legacyDatabase.name());
            FlagStoreSchema.migrate(legacyDatabase.dataSource());
            flags = FlagStore.jdbc(legacyDatabase.dataSource(), Clock.systemUTC());
            SHOP_FLOWS.forEach(flow -> flags.register(flow, "the shop's side effects", "demo"));
            progress.accept("Cutover flag store ready: " + SHOP_FLOWS.size() + " flows, all on the legacy path");
            smtp = remember(FakeSmtpServer.start());
            warehouse = remember(FakeWarehouse.start());
            progress.accept("fake SMTP server on " + smtp.host() + ":" + smtp.port() + ", fake warehouse at " + warehouse.url());
            legacySettings = Map.of(
                    "db.host", legacyDatabase.host(),
                    "db.port", String.valueOf(legacyDatabase.port()),
                    "db.name", legacyDatabase.name(),
                    "db.user", legacyDatabase.user(),
                    "db.password", legacyDatabase.password(),
                    "legacy.smtp.host", smtp.host(),
                    "legacy.smtp.port", String.valueOf(smtp.port()),
                    "legacy.warehouse.url", warehouse.url());
            legacyServer = new LibertyServer(layout.wlpHome(), layout.userDir(), LEGACY_SERVER, LoopbackPorts.free(), legacySettings);
            progress.accept("starting Open Liberty with the legacy shop (first start takes a while) ...");
            remember(legacyServer).start("/health/ready", progress);
            progress.accept("legacy shop ready at " + legacyAppUrl());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static DemoEnvironment start(Layout layout, Consumer<String> progress) {
        return new DemoEnvironment(layout, progress);
    }

    /**
     * Cutover's own Liberty server beside the legacy one (the cutover WAR: bridge, consumers, comparison, gates from
     * {@code plan}, admin API and page), on the legacy database and the same fakes. Closed with the rest.
     *
     * @return how to reach its admin API as the operator
     */
    public AdminAccess startCutoverServer(Path plan, Consumer<String> progress) {
        String operatorPassword = randomPassword();
        Map<String, String> settings = new HashMap<>();
        settings.put("cutover.bridge.db.host", legacyDatabase.host());
        settings.put("cutover.bridge.db.port", String.valueOf(legacyDatabase.port()));
        settings.put("cutover.bridge.db.name", legacyDatabase.name());
        settings.put("cutover.bridge.db.user", legacyDatabase.user());
        settings.put("cutover.bridge.db.password", legacyDatabase.password());
        settings.put("cutover.bridge.set-replica-identity", "true");
        settings.put("cutover.plan", plan.toAbsolutePath().toString());
        settings.put("cutover.consumers.provider", "io.cutover.sample.consumers.ShopConsumerProvider");
        settings.put("cutover.sample.smtp.host", smtp.host());
        settings.put("cutover.sample.smtp.port", String.valueOf(smtp.port()));
        settings.put("cutover.sample.warehouse.url", warehouse.url());
        // the demo runs seconds, not days: compare often, and effects need not settle long on loopback
        settings.put("cutover.comparison.interval-ms", "500");
        settings.put("cutover.comparison.settle-ms", "500");
        settings.put("cutover.admin.operator.user", OPERATOR);
        settings.put("cutover.admin.operator.password", operatorPassword);
        settings.put("cutover.admin.viewer.password", randomPassword());
        LibertyServer cutover = new LibertyServer(layout.wlpHome(), layout.userDir(), CUTOVER_SERVER, LoopbackPorts.free(), settings);
        progress.accept("starting Open Liberty with the cutover WAR (bridge, consumers, comparison, admin API) ...");
        remember(cutover).start("/health/ready", progress);
        AdminAccess access = new AdminAccess(cutover.baseUrl() + CUTOVER_CONTEXT, OPERATOR, operatorPassword);
        progress.accept("cutover ready at " + access.url() + "/ (admin page; user " + OPERATOR + ")");
        return access;
    }

    /** The cutover WAR's base URL and the operator's credentials (made up per run, never printed). */
    public record AdminAccess(String url, String user, String password) {
        @Override
        public String toString() {
            return url + " as " + user;
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String legacyAppUrl() {
        return legacyServer.baseUrl() + LEGACY_CONTEXT;
    }

    /** The flag store in the legacy database, with the shop's flows registered. */
    public FlagStore flags() {
        return flags;
    }

    public Database legacyDatabase() {
        return legacyDatabase;
    }

    /**
     * A second legacy server on the same database and fakes, from a copy of the built user directory, with
     * {@code overrides} on top of the first one's settings; returns its application URL. Closed with the rest.
     */
    public String startAnotherLegacyServer(Map<String, String> overrides, Consumer<String> progress) {
        Path copy = copyOfUserDir();
        started.add(() -> deleteTree(copy));
        Map<String, String> properties = new HashMap<>(legacySettings);
        properties.putAll(overrides);
        LibertyServer another = new LibertyServer(layout.wlpHome(), copy, LEGACY_SERVER, LoopbackPorts.free(), properties);
        progress.accept("starting a second legacy server with " + overrides + " ...");
        remember(another).start("/health/ready", progress);
        return another.baseUrl() + LEGACY_CONTEXT;
    }

    private Path copyOfUserDir() {
        try {
            Path copy = Files.createTempDirectory("cutover-liberty-usr");
            try (Stream<Path> files = Files.walk(layout.userDir())) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path relative = layout.userDir().relativize(source);
                    if (relative.toString().matches(".*/(logs|workarea)(/.*)?")) {
                        continue;
                    }
                    Path target = copy.resolve(relative.toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the Liberty user directory " + layout.userDir(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    @Override
    public void close() {
        started.close();
    }

    private <T extends AutoCloseable> T remember(T resource) {
        return started.add(resource);
    }

}
