package io.cutover.testsupport.postgres;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One database on a {@link ThrowawayPostgres} server, owned by its own login role (LOGIN, REPLICATION).
 * {@code user} owns the database, so it can create tables, publications for its tables and logical slots.
 * {@link #toString()} masks the password so the record can be logged safely.
 */
public record Database(String name, String user, String password, String host, int port) {

    /** Per-JVM token: keeps names from two JVMs (parallel builds on one external server) apart. */
    private static final String JVM_TOKEN = randomToken(4);
    private static final AtomicLong COUNTER = new AtomicLong();
    /** PostgreSQL truncates identifiers at NAMEDATALEN-1 = 63 bytes; slot names share that limit. */
    static final int MAX_IDENTIFIER = 63;

    public Database {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
    }

    /** {@code jdbc:postgresql://host:port/name}; credentials are not part of it (use {@link #user()}/{@link #password()}). */
    public String jdbcUrl() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + name;
    }

    /** A new connection as the owner role; throws {@link IllegalStateException} (cause: the SQLException) on failure. */
    public Connection connect() {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        try {
            return DriverManager.getConnection(jdbcUrl(), props);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + jdbcUrl() + " as " + user + ": " + e.getMessage(), e);
        }
    }

    /** A fresh {@link PGSimpleDataSource} (no pooling) for this database and owner role. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {host});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(name);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    /**
     * A name usable as an unquoted PostgreSQL identifier and as a replication slot name
     * ({@code [a-z0-9_]}, at most 63 chars), unique per call, e.g. {@code uniqueName("slot")} -> {@code slot_k3f9_7}.
     */
    public String uniqueName(String prefix) {
        String suffix = "_" + JVM_TOKEN + "_" + Long.toString(COUNTER.incrementAndGet(), 36);
        String base = Identifiers.sanitize(prefix == null || prefix.isBlank() ? "n" : prefix, MAX_IDENTIFIER - suffix.length());
        return base + suffix;
    }

    /**
     * Drops every logical replication slot of this database (terminating the walsender that holds it first)
     * and every publication in it, as the owner role. Use between tests that create slots: a left slot retains WAL
     * and keeps the database from being dropped.
     */
    public void dropReplicationSlotsAndPublications() {
        try (Connection c = connect()) {
            Replication.dropSlotsAndPublications(c, name, java.util.Set.of(), java.util.Set.of());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop slots/publications of database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Database[name=" + name + ", user=" + user + ", password=***, host=" + host + ", port=" + port + "]";
    }

    static String randomToken(int length) {
        SecureRandom random = new SecureRandom();
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
