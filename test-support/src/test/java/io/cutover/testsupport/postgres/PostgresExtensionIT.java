package io.cutover.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

@WithPostgres
class PostgresExtensionIT {
    private final Database db;

    PostgresExtensionIT(Database db) {
        this.db = db;
    }

    @Test
    void injectsAWorkingDatabaseAndTheServer(Database param, ThrowawayPostgres pg) throws SQLException {
        assertThat(param).isEqualTo(db);
        assertThat(db.name()).startsWith("postgresextensionit");
        assertThat(pg.port()).isEqualTo(db.port());
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("create table if not exists greeting (id int primary key, text text)");
            st.execute("insert into greeting values (1, 'hello') on conflict do nothing");
        }
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select text from greeting where id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("hello");
        }
        try (Connection c = pg.connectAsAdmin(db.name()); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("show wal_level")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("logical");
        }
    }

    @Test
    void dropsWhatEachTestLeftAndTheClassDatabaseAlsoWhenATestFails(ThrowawayPostgres pg) throws SQLException {
        EngineExecutionResults results = runAgainst(pg, ExtensionSamples.LeavesSlotsBehind.class);

        Events tests = results.testEvents();
        assertThat(tests.succeeded().count()).as(failures(tests)).isEqualTo(3 + 1);
        assertThat(tests.failed().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .containsExactly("failsAfterLeavingASlot(Database)");
        assertDropped(pg, ExtensionSamples.LeavesSlotsBehind.classDb);
    }

    @Test
    void resolvesConstructorAndNestedClassParameters(ThrowawayPostgres pg) throws SQLException {
        EngineExecutionResults results = runAgainst(pg, ExtensionSamples.ConstructorAndNested.class);

        Events tests = results.testEvents();
        assertThat(tests.succeeded().count()).as(failures(tests)).isEqualTo(2 + 1);
        assertThat(tests.failed().count()).isZero();
        assertDropped(pg, ExtensionSamples.ConstructorAndNested.seen);
    }

    @Test
    void dropsTheClassDatabaseWhenBeforeAllFails(ThrowawayPostgres pg) throws SQLException {
        EngineExecutionResults results = runAgainst(pg, ExtensionSamples.FailingBeforeAll.class);

        assertThat(results.containerEvents().failed().stream().map(e -> e.getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage()))
                .containsExactly("boom in @BeforeAll");
        assertThat(results.testEvents().started().count()).as("only the checker ran").isEqualTo(1);
        assertDropped(pg, ExtensionSamples.FailingBeforeAll.seen);
    }

    /**
     * Runs {@code testClass} in a nested JUnit engine whose extension attaches to this JVM's server as "external",
     * so the databases and slots it made can be checked here after that run has cleaned up. A checker class runs
     * last in the same run and proves each class database was dropped after its class, not only at the end.
     */
    private static EngineExecutionResults runAgainst(ThrowawayPostgres pg, Class<?> testClass) {
        Properties props = new Properties();
        if (!pg.kind().equals("external")) { // external: the nested run reads the same CUTOVER_JDBC_URL
            props.setProperty(ThrowawayPostgres.LAUNCHER_PROPERTY, "external");
            props.setProperty(ThrowawayPostgres.JDBC_URL_PROPERTY, "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/postgres");
            props.setProperty(ThrowawayPostgres.JDBC_USER_PROPERTY, "postgres");
        }
        ExtensionSamples.SEEN.clear();
        EngineExecutionResults results = ThrowawayPostgresIT.withProperties(props, () -> EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
                .selectors(selectClass(testClass), selectClass(ExtensionSamples.ChecksEarlierClassDatabasesWereDropped.class))
                .execute());
        assertThat(results.testEvents().succeeded().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith("earlierClassDatabasesAreGone")).count())
                .as("class databases dropped before the run ended: %s", failures(results.testEvents())).isEqualTo(1);
        return results;
    }

    private static void assertDropped(ThrowawayPostgres pg, Database dropped) throws SQLException {
        assertThat(dropped).as("the sample saw a database").isNotNull();
        try (Connection c = pg.connectAsAdmin("postgres")) {
            assertThat(ThrowawayPostgresIT.count(c, "select count(*) from pg_database where datname = '" + dropped.name() + "'")).isZero();
            assertThat(ThrowawayPostgresIT.count(c, "select count(*) from pg_roles where rolname = '" + dropped.user() + "'")).isZero();
            assertThat(ThrowawayPostgresIT.count(c, "select count(*) from pg_replication_slots where database = '" + dropped.name() + "'"))
                    .isZero();
        }
    }

    private static String failures(Events events) {
        return events.failed().stream().map(Event::toString).collect(Collectors.joining("\n"));
    }
}
