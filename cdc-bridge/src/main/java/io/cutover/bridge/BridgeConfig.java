package io.cutover.bridge;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The bridge's settings: immutable, validated when built, every problem reported with the key's name. Each key is
 * declared once in {@link #KEYS} with its description and default; {@link #from(Map)} reads them (e.g. from
 * MicroProfile Config at the edge), {@link #builder()} sets them in code.
 */
public record BridgeConfig(String name, String host, int port, String database, String user, String password,
        String slotName, String publicationName, Duration pollInterval, Duration heartbeatInterval,
        boolean setReplicaIdentity, int maxBatchSize, Duration startTimeout, int restartMaxAttempts,
        Duration restartBackoffInitial, Duration restartBackoffMax) {

    /** One configuration key: its name, what it does and its default (null: required). */
    public record Key(String name, String description, String defaultValue) {
    }

    public static final Key NAME = new Key("cutover.bridge.name",
            "The bridge's name ([a-z0-9_], <= 40 chars): keys its offsets and names its slot and publication.", null);
    public static final Key DB_HOST = new Key("cutover.bridge.db.host", "PostgreSQL host of the legacy database.", "127.0.0.1");
    public static final Key DB_PORT = new Key("cutover.bridge.db.port", "PostgreSQL port.", "5432");
    public static final Key DB_NAME = new Key("cutover.bridge.db.name", "The legacy database.", null);
    public static final Key DB_USER = new Key("cutover.bridge.db.user",
            "A role with REPLICATION that owns the captured tables (publication, REPLICA IDENTITY).", null);
    public static final Key DB_PASSWORD = new Key("cutover.bridge.db.password", "The role's password (may be empty).", "");
    public static final Key SLOT = new Key("cutover.bridge.slot", "Logical replication slot (pgoutput) of this bridge.",
            "cutover_<name>");
    public static final Key PUBLICATION = new Key("cutover.bridge.publication",
            "Publication of exactly the catalog's tables (plus cutover.bridge_heartbeat).", "cutover_<name>");
    public static final Key POLL_INTERVAL_MS = new Key("cutover.bridge.poll-interval-ms",
            "How long Debezium waits for new changes per poll: lower is lower latency and more idle CPU.", "10");
    public static final Key HEARTBEAT_INTERVAL_MS = new Key("cutover.bridge.heartbeat-interval-ms",
            "Heartbeat period; each beat writes cutover.bridge_heartbeat so the slot advances on idle tables.", "1000");
    public static final Key SET_REPLICA_IDENTITY = new Key("cutover.bridge.set-replica-identity",
            "true: set REPLICA IDENTITY FULL on catalog tables that lack it; false: refuse to start instead.", "false");
    public static final Key MAX_BATCH_SIZE = new Key("cutover.bridge.max-batch-size",
            "Most row changes handed over (and appended to the log) per batch.", "2048");
    public static final Key START_TIMEOUT_MS = new Key("cutover.bridge.start-timeout-ms",
            "How long start() waits for the capture to run before it gives up.", "60000");
    public static final Key RESTART_MAX_ATTEMPTS = new Key("cutover.bridge.restart.max-attempts",
            "Restarts after a failure, in a row without capture committing a batch in between, before the bridge gives"
                    + " up (FAILED); -1: no limit, 0: never restart.", "-1");
    public static final Key RESTART_BACKOFF_INITIAL_MS = new Key("cutover.bridge.restart.backoff-initial-ms",
            "Wait before the first restart after a failure; doubles with each failed restart up to the maximum.", "1000");
    public static final Key RESTART_BACKOFF_MAX_MS = new Key("cutover.bridge.restart.backoff-max-ms",
            "Longest wait between two restarts.", "30000");

    public static final List<Key> KEYS = List.of(NAME, DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, SLOT, PUBLICATION,
            POLL_INTERVAL_MS, HEARTBEAT_INTERVAL_MS, SET_REPLICA_IDENTITY, MAX_BATCH_SIZE, START_TIMEOUT_MS, RESTART_MAX_ATTEMPTS,
            RESTART_BACKOFF_INITIAL_MS, RESTART_BACKOFF_MAX_MS);

    private static final Pattern NAME_PATTERN = Pattern.compile("[a-z0-9_]{1,40}");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** Validates every value, whichever way the config was made; messages name the key. */
    public BridgeConfig {
        require(name != null && NAME_PATTERN.matcher(name).matches(), NAME, "'" + name + "' must be 1-40 of [a-z0-9_]");
        require(host != null && !host.isBlank(), DB_HOST, "required");
        require(port >= 1 && port <= 65535, DB_PORT, "must be a port number (1-65535), was " + port);
        require(database != null && !database.isBlank(), DB_NAME, "required");
        require(user != null && !user.isBlank(), DB_USER, "required");
        password = password == null ? "" : password;
        require(slotName != null && IDENTIFIER.matcher(slotName).matches(), SLOT,
                "'" + slotName + "' must be a lower-case identifier ([a-z_][a-z0-9_]*, <= 63)");
        require(publicationName != null && IDENTIFIER.matcher(publicationName).matches(), PUBLICATION,
                "'" + publicationName + "' must be a lower-case identifier ([a-z_][a-z0-9_]*, <= 63)");
        require(pollInterval != null && pollInterval.toMillis() >= 1, POLL_INTERVAL_MS, "must be >= 1 ms, was " + pollInterval);
        require(heartbeatInterval != null && heartbeatInterval.toMillis() >= 100, HEARTBEAT_INTERVAL_MS,
                "must be >= 100 ms, was " + heartbeatInterval);
        require(maxBatchSize >= 1, MAX_BATCH_SIZE, "must be >= 1, was " + maxBatchSize);
        require(startTimeout != null && startTimeout.toMillis() >= 1000, START_TIMEOUT_MS, "must be >= 1000 ms, was " + startTimeout);
        require(restartMaxAttempts >= -1, RESTART_MAX_ATTEMPTS, "must be -1 (no limit) or >= 0, was " + restartMaxAttempts);
        require(restartBackoffInitial != null && restartBackoffInitial.toMillis() >= 10, RESTART_BACKOFF_INITIAL_MS,
                "must be >= 10 ms, was " + restartBackoffInitial);
        require(restartBackoffMax != null && restartBackoffInitial != null && restartBackoffMax.compareTo(restartBackoffInitial) >= 0,
                RESTART_BACKOFF_MAX_MS, "must be >= " + RESTART_BACKOFF_INITIAL_MS.name() + ", was " + restartBackoffMax);
    }

    private static void require(boolean ok, Key key, String problem) {
        if (!ok) {
            throw new BridgeConfigException(key.name() + ": " + problem);
        }
    }

    /** Reads the {@code cutover.bridge.*} keys of {@code values}; other keys are ignored, unknown bridge keys refused. */
    public static BridgeConfig from(Map<String, String> values) {
        for (String k : values.keySet()) {
            if (k.startsWith("cutover.bridge.") && KEYS.stream().noneMatch(key -> key.name().equals(k))) {
                throw new BridgeConfigException(k + ": unknown key; known keys: "
                        + String.join(", ", KEYS.stream().map(Key::name).toList()));
            }
        }
        String name = required(values, NAME);
        String slot = values.getOrDefault(SLOT.name(), "cutover_" + name).trim();
        String publication = values.getOrDefault(PUBLICATION.name(), "cutover_" + name).trim();
        String replicaIdentity = value(values, SET_REPLICA_IDENTITY).trim();
        if (!replicaIdentity.equals("true") && !replicaIdentity.equals("false")) {
            throw new BridgeConfigException(SET_REPLICA_IDENTITY.name() + ": must be true or false, was '" + replicaIdentity + "'");
        }
        return new BridgeConfig(name, value(values, DB_HOST), integer(values, DB_PORT), required(values, DB_NAME),
                required(values, DB_USER), value(values, DB_PASSWORD), slot, publication,
                Duration.ofMillis(integer(values, POLL_INTERVAL_MS)), Duration.ofMillis(integer(values, HEARTBEAT_INTERVAL_MS)),
                Boolean.parseBoolean(replicaIdentity), integer(values, MAX_BATCH_SIZE),
                Duration.ofMillis(integer(values, START_TIMEOUT_MS)), integer(values, RESTART_MAX_ATTEMPTS),
                Duration.ofMillis(integer(values, RESTART_BACKOFF_INITIAL_MS)), Duration.ofMillis(integer(values, RESTART_BACKOFF_MAX_MS)));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fresh non-pooling data source for the bridge's own tables, as the configured user. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {host});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setApplicationName("cutover-bridge-" + name);
        return ds;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() { // keeps the password out of logs
        return "BridgeConfig[name=" + name + ", db=" + user + "@" + host + ":" + port + "/" + database + ", slot=" + slotName
                + ", publication=" + publicationName + ", poll=" + pollInterval.toMillis() + "ms, heartbeat="
                + heartbeatInterval.toMillis() + "ms, setReplicaIdentity=" + setReplicaIdentity + ", maxBatchSize="
                + maxBatchSize + ", restart.maxAttempts=" + restartMaxAttempts + ", restart.backoff=" + restartBackoffInitial.toMillis()
                + ".." + restartBackoffMax.toMillis() + "ms]";
    }

    private static String value(Map<String, String> values, Key key) {
        String v = values.get(key.name());
        return v == null ? key.defaultValue() : v;
    }

    private static String required(Map<String, String> values, Key key) {
        String v = values.get(key.name());
        if (v == null || v.isBlank()) {
            throw new BridgeConfigException(key.name() + ": required (" + key.description() + ")");
        }
        return v.trim();
    }

    private static int integer(Map<String, String> values, Key key) {
        String v = value(values, key).trim();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BridgeConfigException(key.name() + ": must be a whole number, was '" + v + "'");
        }
    }

    /** Sets keys in code; {@link #build()} validates like {@link #from(Map)}. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder set(Key key, Object value) {
            values.put(key.name(), String.valueOf(value));
            return this;
        }

        public Builder name(String name) {
            return set(NAME, name);
        }

        /** Host, port, database, user and password in one go. */
        public Builder database(String host, int port, String database, String user, String password) {
            set(DB_HOST, host).set(DB_PORT, port).set(DB_NAME, database).set(DB_USER, user);
            return set(DB_PASSWORD, password == null ? "" : password);
        }

        public Builder slot(String slot) {
            return set(SLOT, slot);
        }

        public Builder publication(String publication) {
            return set(PUBLICATION, publication);
        }

        public Builder pollInterval(Duration d) {
            return set(POLL_INTERVAL_MS, d.toMillis());
        }

        public Builder heartbeatInterval(Duration d) {
            return set(HEARTBEAT_INTERVAL_MS, d.toMillis());
        }

        public Builder setReplicaIdentity(boolean set) {
            return set(SET_REPLICA_IDENTITY, set);
        }

        public Builder maxBatchSize(int n) {
            return set(MAX_BATCH_SIZE, n);
        }

        public Builder startTimeout(Duration d) {
            return set(START_TIMEOUT_MS, d.toMillis());
        }

        /** Restarts in a row without progress before giving up; -1: no limit, 0: never restart. */
        public Builder restartMaxAttempts(int n) {
            return set(RESTART_MAX_ATTEMPTS, n);
        }

        /** The wait before the first restart, doubling per failed restart up to {@code max}. */
        public Builder restartBackoff(Duration initial, Duration max) {
            return set(RESTART_BACKOFF_INITIAL_MS, initial.toMillis()).set(RESTART_BACKOFF_MAX_MS, max.toMillis());
        }

        public BridgeConfig build() {
            return from(values);
        }
    }
}
