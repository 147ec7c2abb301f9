package io.cutover.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;

/** A server given by CUTOVER_JDBC_URL: we only attach, check it can do logical replication, and never stop it. */
final class ExternalServer implements Server {
    private final String[] hosts;
    private final String[] ports;
    private final String database;
    /** Connection properties from the URL (ssl etc.) plus user/password; never printed. */
    private final Properties props;

    private ExternalServer(String[] hosts, String[] ports, String database, Properties props) {
        this.hosts = hosts;
        this.ports = ports;
        this.database = database;
        this.props = props;
    }

    /** Parses the URL, connects, and refuses a server that cannot serve logical replication slots. */
    static ExternalServer attach(String url, String user, String password) throws SQLException {
        Properties parsed = Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new IllegalArgumentException("CUTOVER_JDBC_URL is not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/db): "
                    + redact(url));
        }
        String[] hosts = parsed.getProperty("PGHOST", "localhost").split(",");
        String[] ports = parsed.getProperty("PGPORT", "5432").split(",");
        String db = parsed.getProperty("PGDBNAME", "postgres");
        Properties props = new Properties();
        parsed.stringPropertyNames().stream().filter(k -> !k.startsWith("PG")).forEach(k -> props.setProperty(k, parsed.getProperty(k)));
        if (user != null && !user.isBlank()) {
            props.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        ExternalServer server = new ExternalServer(hosts, ports, db, props);
        try (Connection c = server.adminConnection(db)) {
            checkLogicalReplication(c, server.describe());
            checkPrivileges(c, server.describe());
        }
        return server;
    }

    /** Throws with the fix when {@code c}'s server cannot host logical replication slots. */
    static void checkLogicalReplication(Connection c, String where) throws SQLException {
        String walLevel = show(c, "wal_level");
        if (!"logical".equals(walLevel)) {
            throw new IllegalStateException("PostgreSQL at " + where + " has wal_level=" + walLevel
                    + ", but Cutover needs wal_level=logical (CDC reads the WAL through a logical replication slot). "
                    + "Fix: as a superuser run  ALTER SYSTEM SET wal_level = logical;  then restart the server "
                    + "(wal_level only changes on restart; also keep max_replication_slots and max_wal_senders above 0). "
                    + "Or unset CUTOVER_JDBC_URL to use a throwaway embedded server.");
        }
        int slots = Integer.parseInt(show(c, "max_replication_slots"));
        int senders = Integer.parseInt(show(c, "max_wal_senders"));
        if (slots < 1 || senders < 1) {
            throw new IllegalStateException("PostgreSQL at " + where + " has max_replication_slots=" + slots
                    + ", max_wal_senders=" + senders + "; both must be > 0. Fix: ALTER SYSTEM SET max_replication_slots = 20; "
                    + "ALTER SYSTEM SET max_wal_senders = 20; then restart the server.");
        }
    }

    private static void checkPrivileges(Connection c, String where) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select current_user, rolsuper, rolcreatedb and rolcreaterole and rolreplication from pg_roles where rolname = current_user")) {
            rs.next();
            if (!rs.getBoolean(2) && !rs.getBoolean(3)) {
                throw new IllegalStateException("PostgreSQL at " + where + ": user " + rs.getString(1)
                        + " may not create databases and replication roles. Fix: connect as a superuser, or "
                        + "ALTER ROLE " + rs.getString(1) + " CREATEDB CREATEROLE REPLICATION;");
            }
        }
    }

    static String show(Connection c, String setting) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The URL without its query string (which may carry a password). */
    static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?...";
    }

    String describe() {
        return hosts[0] + ":" + ports[0] + "/" + database + " (CUTOVER_JDBC_URL)";
    }

    @Override
    public String kind() {
        return "external";
    }

    @Override
    public String host() {
        return hosts[0];
    }

    @Override
    public int port() {
        return Integer.parseInt(ports[0]);
    }

    @Override
    public String maintenanceDatabase() {
        return database;
    }

    @Override
    public Connection adminConnection(String db) throws SQLException {
        StringBuilder url = new StringBuilder("jdbc:postgresql://");
        for (int i = 0; i < hosts.length; i++) {
            String h = hosts[i].contains(":") && !hosts[i].startsWith("[") ? "[" + hosts[i] + "]" : hosts[i];
            url.append(i == 0 ? "" : ",").append(h).append(':').append(ports[Math.min(i, ports.length - 1)]);
        }
        url.append('/').append(db);
        return DriverManager.getConnection(url.toString(), props);
    }

    @Override
    public Optional<java.nio.file.Path> dataDirectory() {
        return Optional.empty();
    }

    @Override
    public void stop() {
        // not ours to stop
    }
}
