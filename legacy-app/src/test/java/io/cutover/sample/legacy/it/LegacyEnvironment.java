package io.cutover.sample.legacy.it;

import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.sample.legacy.cutover.CutoverFlows;
import io.cutover.testsupport.LoopbackPorts;
import io.cutover.testsupport.Teardown;
import io.cutover.testsupport.fakes.FakeSmtpServer;
import io.cutover.testsupport.fakes.FakeWarehouse;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.ThrowawayPostgres;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the legacy app talks to in ITs, all real and on loopback: a throwaway PostgreSQL with one database, a fake
 * SMTP server, a fake warehouse, plus two "broken" endpoints for outage tests: a port nobody listens on and a
 * server that accepts connections and never answers. Their coordinates go to Liberty as {@code it.*} system
 * properties, which arquillian.xml turns into {@code -D} options of the Liberty JVM.
 */
final class LegacyEnvironment implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static volatile LegacyEnvironment current;

    private final Teardown closeables = new Teardown("the legacy test environment");
    private ThrowawayPostgres postgres;
    private Database database;
    private FlagStore flags;
    private FakeSmtpServer smtp;
    private FakeWarehouse warehouse;
    private SilentServer silent;
    private int closedPort;

    private LegacyEnvironment() {
    }

    /** The running environment (tests run in the same JVM as the extension that started it). */
    static LegacyEnvironment current() {
        LegacyEnvironment env = current;
        if (env == null) {
            throw new IllegalStateException("No legacy test environment: annotate the test class with @LegacyIT");
        }
        return env;
    }

    static LegacyEnvironment start() {
        long t0 = System.nanoTime();
        LegacyEnvironment env = new LegacyEnvironment();
        try {
            env.postgres = env.register(ThrowawayPostgres.start());
            env.database = env.postgres.createDatabase("legacy");
            // the toolkit's side of adopting Cutover: its schema and the shop's flows, all on the legacy path
            FlagStoreSchema.migrate(env.database.dataSource());
            env.flags = FlagStore.jdbc(env.database.dataSource(), Clock.systemUTC());
            CutoverFlows.ALL.forEach(flow -> env.flags.register(flow, "the shop's side effects", "legacy-it"));
            env.smtp = env.register(FakeSmtpServer.start());
            env.warehouse = env.register(FakeWarehouse.start());
            env.silent = env.register(SilentServer.start());
            env.closedPort = LoopbackPorts.free();
        } catch (RuntimeException | Error e) {
            env.close();
            throw e;
        }
        Database db = env.database;
        System.setProperty("it.http.port", String.valueOf(LoopbackPorts.free()));
        System.setProperty("it.db.host", db.host());
        System.setProperty("it.db.port", String.valueOf(db.port()));
        System.setProperty("it.db.name", db.name());
        System.setProperty("it.db.user", db.user());
        System.setProperty("it.db.password", db.password());
        System.setProperty("it.smtp.host", env.smtp.host());
        System.setProperty("it.smtp.port", String.valueOf(env.smtp.port()));
        System.setProperty("it.warehouse.url", env.warehouse.url());
        current = env;
        System.out.printf("[legacy-it] environment up in %d ms: %s PostgreSQL %s, SMTP %d, warehouse %s%n",
                (System.nanoTime() - t0) / 1_000_000, env.postgres.kind(), db, env.smtp.port(), env.warehouse.url());
        return env;
    }

    Database database() {
        return database;
    }

    /** The Cutover flag store in the legacy database, where the shop's shim reads its flows' stages. */
    FlagStore flags() {
        return flags;
    }

    FakeSmtpServer smtp() {
        return smtp;
    }

    FakeWarehouse warehouse() {
        return warehouse;
    }

    /** A loopback port with nothing listening: connections are refused ("SMTP server down"). */
    int closedPort() {
        return closedPort;
    }

    /** Base URL of a server that accepts connections and never answers ("warehouse hangs"). */
    String silentUrl() {
        return "http://127.0.0.1:" + silent.port();
    }

    @Override
    public void close() {
        current = null;
        closeables.close();
        System.out.println("[legacy-it] environment stopped");
    }

    private <T extends AutoCloseable> T register(T closeable) {
        return closeables.add(closeable);
    }


    /** Accepts TCP connections, reads and discards whatever arrives, never writes a byte. */
    static final class SilentServer implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> connections = new CopyOnWriteArrayList<>();

        private SilentServer(ServerSocket server) {
            this.server = server;
        }

        static SilentServer start() {
            try {
                SilentServer s = new SilentServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
                Thread acceptor = new Thread(s::acceptLoop, "silent-server-" + s.port());
                acceptor.setDaemon(true);
                acceptor.start();
                return s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.add(socket);
                    Thread drain = new Thread(() -> drain(socket), "silent-server-conn");
                    drain.setDaemon(true);
                    drain.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private static void drain(Socket socket) {
            try (InputStream in = socket.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // peer gave up or we were closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : connections) {
                s.close();
            }
        }
    }
}
