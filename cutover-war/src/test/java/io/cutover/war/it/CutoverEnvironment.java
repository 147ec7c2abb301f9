package io.cutover.war.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.flags.Stage;
import io.cutover.plan.FlowPlan;
import io.cutover.plan.PlanFile;
import io.cutover.testsupport.LoopbackPorts;
import io.cutover.testsupport.Teardown;
import io.cutover.testsupport.fakes.FakeSmtpServer;
import io.cutover.testsupport.fakes.FakeWarehouse;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.ThrowawayPostgres;

/**
 * What both WARs talk to, real and on loopback: a throwaway PostgreSQL (the shop's database, where the cutover
 * schema lives too), a fake SMTP server and a fake warehouse. Coordinates reach Liberty as {@code it.*} system
 * properties (arquillian.xml turns them into {@code -D}); passwords as server variables in a config dropin, so the
 * JVM never echoes them.
 */
final class CutoverEnvironment implements ExtensionContext.Store.CloseableResource {
    /**
     * The sample plan's flows, in its order (the WAR here runs on that plan); the ITs each use their own flows, so that
     * they do not depend on one another's order.
     */
    static final List<String> FLOWS = PlanFile.load(Path.of(System.getProperty("cutover.sample.dir"), "plan.yaml"))
            .flows().stream().map(FlowPlan::id).toList();
    static final String OPERATOR = "olivia";
    static final String VIEWER = "victor";

    private static volatile CutoverEnvironment current;

    private final Teardown closeables = new Teardown("the cutover test environment");
    final String operatorPassword = UUID.randomUUID().toString();
    final String viewerPassword = UUID.randomUUID().toString();
    private Database database;
    private FlagStore flags;
    private FakeSmtpServer smtp;
    private FakeWarehouse warehouse;
    private int httpPort;

    static CutoverEnvironment current() {
        if (current == null) {
            throw new IllegalStateException("No cutover test environment: annotate the test class with @CutoverIT");
        }
        return current;
    }

    static CutoverEnvironment start() {
        CutoverEnvironment env = new CutoverEnvironment();
        try {
            ThrowawayPostgres postgres = env.closeables.add(ThrowawayPostgres.start());
            env.database = postgres.createDatabase("legacy");
            FlagStoreSchema.migrate(env.database.dataSource());
            env.flags = FlagStore.jdbc(env.database.dataSource(), Clock.systemUTC());
            FLOWS.forEach(flow -> env.flags.register(flow, "the shop's side effects", "cutover-it"));
            // shadow from the start, so the legacy shim stamps SHADOW on the first request
            for (String flow : List.of("confirmation-mail", "loyalty-points", "order-audit")) {
                env.flags.set(flow, Stage.SHADOW, "compare before Liberty starts", "cutover-it");
            }
            env.smtp = env.closeables.add(FakeSmtpServer.start());
            env.warehouse = env.closeables.add(FakeWarehouse.start());
            env.httpPort = LoopbackPorts.free();
            env.writeSecrets();
        } catch (RuntimeException | Error e) {
            env.close();
            throw e;
        }
        Database db = env.database;
        Map.of("it.http.port", String.valueOf(env.httpPort), "it.db.host", db.host(), "it.db.port", String.valueOf(db.port()),
                "it.db.name", db.name(), "it.db.user", db.user(), "it.smtp.host", env.smtp.host(),
                "it.smtp.port", String.valueOf(env.smtp.port()), "it.warehouse.url", env.warehouse.url(),
                "it.operator", OPERATOR, "it.viewer", VIEWER).forEach(System::setProperty);
        current = env;
        return env;
    }

    /** Passwords as server variables (beside legacy-app.xml in configDropins), read by server.xml and MP Config. */
    private void writeSecrets() {
        Path dropins = Path.of(System.getProperty("arq.usrDir"), "servers", System.getProperty("arq.serverName"),
                "configDropins", "overrides");
        String xml = "<server>\n"
                + variable("db.password", database.password())
                + variable("cutover.bridge.db.password", database.password())
                + variable("cutover.admin.operator.password", operatorPassword)
                + variable("cutover.admin.viewer.password", viewerPassword)
                + "</server>\n";
        try {
            Files.createDirectories(dropins);
            Path secrets = Files.writeString(dropins.resolve("it-secrets.xml"), xml);
            closeables.add(() -> Files.deleteIfExists(secrets));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test secrets into " + dropins, e);
        }
    }

    private static String variable(String name, String value) {
        return "    <variable name=\"" + name + "\" value=\"" + value + "\"/>\n";
    }

    /**
     * The WAR starts its host in the background after deployment, and again every second while the shop's tables are
     * missing: waits for it (the reason shows if it never starts).
     */
    void awaitCutoverStarted() {
        Http anonymous = Http.anonymous(baseUrl());
        try {
            Awaitility.await("the cutover host started (/health/started)").atMost(Duration.ofSeconds(120))
                    .until(() -> anonymous.get("/health/started").status() == 200);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the cutover host did not start: " + anonymous.get("/health/started").body(), e);
        }
    }

    Database database() {
        return database;
    }

    FlagStore flags() {
        return flags;
    }

    FakeSmtpServer smtp() {
        return smtp;
    }

    FakeWarehouse warehouse() {
        return warehouse;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    @Override
    public void close() {
        current = null;
        closeables.close();
    }

}
