package io.cutover.bridge.internal;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * Debezium's offsets in {@code cutover.bridge_offset}, one row per (bridge, key), so they live and are backed up with
 * the database they describe (Debezium's own JDBC store is not on Maven Central for this version). Debezium creates
 * it by class name and configures it with the engine properties {@link #URL}, {@link #USER}, {@link #PASSWORD},
 * {@link #BRIDGE}. Writes happen on the store's executor thread, each flush in one transaction.
 */
public class JdbcOffsetStore extends MemoryOffsetBackingStore {
    public static final String URL = "cutover.offsets.jdbc.url";
    public static final String USER = "cutover.offsets.jdbc.user";
    public static final String PASSWORD = "cutover.offsets.jdbc.password";
    public static final String BRIDGE = "cutover.offsets.bridge";

    private String url;
    private String user;
    private String password;
    private String bridge;
    /** Reused across flushes (all on the store's single executor thread); reopened after a failure. */
    private Connection connection;

    public JdbcOffsetStore() {
        // created reflectively by the engine
    }

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, Object> originals = config.originals();
        url = (String) originals.get(URL);
        user = (String) originals.get(USER);
        password = (String) originals.get(PASSWORD);
        bridge = (String) originals.get(BRIDGE);
        if (url == null || bridge == null) {
            throw new ConnectException(URL + " and " + BRIDGE + " are required for " + getClass().getName());
        }
    }

    @Override
    public synchronized void start() {
        super.start();
        Map<ByteBuffer, ByteBuffer> loaded = new HashMap<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "select offset_key, offset_value from cutover.bridge_offset where bridge = ?")) {
            ps.setString(1, bridge);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] v = rs.getBytes(2);
                    loaded.put(ByteBuffer.wrap(rs.getBytes(1)), v == null ? null : ByteBuffer.wrap(v));
                }
            }
        } catch (SQLException e) {
            throw new ConnectException("cannot read the offsets of bridge " + bridge + " from cutover.bridge_offset: "
                    + e.getMessage(), e);
        }
        data = loaded;
    }

    @Override
    protected void save() {
        try {
            Connection c = connection();
            try (PreparedStatement ps = c.prepareStatement("insert into cutover.bridge_offset (bridge, offset_key, offset_value,"
                    + " updated_at) values (?, ?, ?, now()) on conflict (bridge, offset_key) do update"
                    + " set offset_value = excluded.offset_value, updated_at = excluded.updated_at")) {
                for (Map.Entry<ByteBuffer, ByteBuffer> e : data.entrySet()) {
                    ps.setString(1, bridge);
                    ps.setBytes(2, bytes(e.getKey()));
                    ps.setBytes(3, e.getValue() == null ? null : bytes(e.getValue()));
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                closeConnection();
                throw e;
            }
        } catch (SQLException e) {
            throw new ConnectException("cannot store the offsets of bridge " + bridge + " in cutover.bridge_offset: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        super.stop(); // waits for the executor, so no save runs concurrently with the close below
        closeConnection();
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connect();
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // already broken: nothing to release
            }
            connection = null;
        }
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of(); // only used by Kafka Connect's REST API, which the embedded engine does not run
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password == null ? "" : password);
        p.setProperty("ApplicationName", "cutover-bridge-offsets-" + bridge);
        return DriverManager.getConnection(url, p);
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
