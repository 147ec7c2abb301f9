package io.cutover.testsupport.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.cutover.testsupport.LoopbackPorts;

/** What the embedded and system clusters share: loopback only, superuser "postgres", settings, pg_hba. */
abstract class LocalCluster implements Server {
    static final String HOST = "127.0.0.1";
    static final String SUPERUSER = "postgres";

    /** The settings every cluster we start gets; {@link ThrowawayPostgres.Builder#serverConfig} overrides them. */
    static Map<String, String> defaultSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("listen_addresses", HOST);
        s.put("wal_level", "logical");
        s.put("max_replication_slots", "20");
        s.put("max_wal_senders", "20");
        // zonky defaults to off: costs ~150 ms CDC latency (spike); on is what production runs
        s.put("synchronous_commit", "on");
        s.put("max_connections", "300");
        s.put("timezone", "UTC");
        s.put("fsync", "off"); // throwaway data: durability buys nothing, costs time on a 2-core box
        return s;
    }

    /**
     * Superuser "postgres" may connect from loopback without a password (our admin connection); every other role
     * needs its password (scram), so a test that forgets credentials fails here as it would in production.
     */
    static void writeHba(Path dataDir) {
        String hba = String.join("\n",
                "# written by cutover test-support",
                "local   all          postgres                 trust",
                "host    all          postgres   127.0.0.1/32  trust",
                "host    all          postgres   ::1/128       trust",
                "host    replication  postgres   127.0.0.1/32  trust",
                "local   all          all                      scram-sha-256",
                "host    all          all        127.0.0.1/32  scram-sha-256",
                "host    all          all        ::1/128       scram-sha-256",
                "host    replication  all        127.0.0.1/32  scram-sha-256",
                "host    replication  all        ::1/128       scram-sha-256",
                "");
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write pg_hba.conf in " + dataDir, e);
        }
    }

    static int freePort() {
        return LoopbackPorts.free();
    }

    /** Bind races with other builds on the box: worth one more try on a new port. */
    static boolean isBindFailure(String log) {
        return log.contains("could not bind") || log.contains("Address already in use")
                || log.contains("could not create any TCP/IP sockets");
    }

    protected final WorkDir work;
    protected final int port;

    LocalCluster(WorkDir work, int port) {
        this.work = work;
        this.port = port;
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String maintenanceDatabase() {
        return "postgres";
    }

    @Override
    public Connection adminConnection(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", SUPERUSER);
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + port + "/" + database, p);
    }

    @Override
    public Optional<Path> dataDirectory() {
        return Optional.of(work.data());
    }

    /** Kills whatever still runs on our data dir, then deletes the work dir. */
    protected void killAndDelete() throws IOException {
        Optional<Long> pid = Processes.postmasterPid(work.data());
        Processes.stopPostmaster(work.data());
        if (pid.isPresent() && Processes.isRunning(pid.get())) {
            throw new IOException("postmaster " + pid.get() + " still runs after SIGKILL; kept " + work.dir);
        }
        work.close();
    }
}
