package io.cutover.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.testsupport.fakes.FakeSmtpServer;
import io.cutover.testsupport.fakes.FakeWarehouse;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.ThrowawayPostgres;

/**
 * Everything the demo runs on, started in dependency order (database and outside systems before Liberty, which
 * must learn their ports) and closed in reverse, also when a step fails half-way.
 */
final class DemoEnvironment implements AutoCloseable {

    /** Where the built Liberty runtime and the demo's server directory are; set by ./cutover and the build. */
    record Layout(Path wlpHome, Path userDir) {
        static Layout fromSystemProperties() {
            return new Layout(Path.of(required("cutover.wlp.home")), Path.of(required("cutover.demo.usr.dir")));
        }

        private static String required(String key) {
            String value = System.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("system property " + key + " is not set: run the demo with ./cutover demo");
            }
            return value;
        }
    }

    static final String LEGACY_SERVER = "legacyServer";
    static final String LEGACY_CONTEXT = "/legacy-app";
    /** The shop's side effects as flows, the ids its shim uses; the migration plan will own this list. */
    static final List<String> SHOP_FLOWS = List.of("confirmation-mail", "loyalty-points", "stock-reservation",
            "warehouse-notification", "order-audit");

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    final ThrowawayPostgres postgres;
    final Database legacyDatabase;
    final FlagStore flags;
    final FakeSmtpServer smtp;
    final FakeWarehouse warehouse;
    final LibertyServer legacyServer;

    private DemoEnvironment(Layout layout, Consumer<String> progress) {
        try {
            progress.accept("starting PostgreSQL (wal_level=logical) ...");
            postgres = remember(ThrowawayPostgres.start());
            legacyDatabase = postgres.createDatabase("legacy");
            started.push(() -> postgres.dropDatabase(legacyDatabase));
            progress.accept("PostgreSQL (" + postgres.kind() + ") on " + postgres.host() + ":" + postgres.port()
                    + ", database " + legacyDatabase.name());
            FlagStoreSchema.migrate(legacyDatabase.dataSource());
            flags = FlagStore.jdbc(legacyDatabase.dataSource(), Clock.systemUTC());
            SHOP_FLOWS.forEach(flow -> flags.register(flow, "the shop's side effects", "demo"));
            progress.accept("Cutover flag store ready: " + SHOP_FLOWS.size() + " flows, all on the legacy path");
            smtp = remember(FakeSmtpServer.start());
            warehouse = remember(FakeWarehouse.start());
            progress.accept("fake SMTP server on " + smtp.host() + ":" + smtp.port() + ", fake warehouse at " + warehouse.url());
            legacyServer = new LibertyServer(layout.wlpHome(), layout.userDir(), LEGACY_SERVER, freePort(), Map.of(
                    "db.host", legacyDatabase.host(),
                    "db.port", String.valueOf(legacyDatabase.port()),
                    "db.name", legacyDatabase.name(),
                    "db.user", legacyDatabase.user(),
                    "db.password", legacyDatabase.password(),
                    "legacy.smtp.host", smtp.host(),
                    "legacy.smtp.port", String.valueOf(smtp.port()),
                    "legacy.warehouse.url", warehouse.url()));
            progress.accept("starting Open Liberty with the legacy shop (first start takes a while) ...");
            remember(legacyServer).start("/health/ready", progress);
            progress.accept("legacy shop ready at " + legacyAppUrl());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    static DemoEnvironment start(Layout layout, Consumer<String> progress) {
        return new DemoEnvironment(layout, progress);
    }

    String legacyAppUrl() {
        return legacyServer.baseUrl() + LEGACY_CONTEXT;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("cleanup failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private <T extends AutoCloseable> T remember(T resource) {
        started.push(resource);
        return resource;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
