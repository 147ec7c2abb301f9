package io.cutover.flags.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.cutover.flags.Decision;
import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.flags.Stage;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class LegacyShimIT {

    private static final String FLOW = "confirmation-mail";
    private static Database database;
    private static FlagStore flags;
    private LegacyShim shim;

    @BeforeAll
    static void migrate(Database db) throws SQLException {
        database = db;
        FlagStoreSchema.migrate(db.dataSource());
        flags = FlagStore.jdbc(db.dataSource(), Clock.systemUTC());
        flags.register(FLOW, "planned", "ops");
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("create table shop_order (id text primary key, status text not null)");
        }
    }

    @BeforeEach
    void startShim() throws InterruptedException {
        flags.set(FLOW, Stage.LEGACY, "reset", "test");
        shim = LegacyShim.start(database.dataSource(), Duration.ofSeconds(1), Clock.systemUTC());
        assertThat(shim.awaitReady(Duration.ofSeconds(10))).isTrue();
    }

    @AfterEach
    void stopShim() {
        shim.close();
    }

    @Test
    void onTheLegacyPathNothingIsStampedOrJournaled() throws SQLException {
        try (Connection tx = legacyTransaction()) {
            insertOrder(tx, "o-0");
            assertThat(shim.decide(tx, FLOW, "o-0")).isEqualTo(Decision.LEGACY);
            shim.recordLegacyEffect(tx, FLOW, "o-0", "{\"to\":\"ada@shop.test\"}");
            tx.commit();
        }

        assertThat(stamp("o-0")).as("no stamp: the legacy path acted").isNull();
        assertThat(count("select count(*) from cutover.effect_journal where occurrence_key = 'o-0'")).isZero();
    }

    @Test
    void theDecisionIsStampedInTheLegacyTransactionAndCommitsWithIt() throws SQLException {
        flags.set(FLOW, Stage.SHADOW, "compare", "ops");
        await("the shim sees SHADOW").atMost(Duration.ofSeconds(2)).until(() -> decideAndCommit("probe-" + System.nanoTime()) == Decision.SHADOW);
        try (Connection tx = legacyTransaction()) {
            insertOrder(tx, "o-1");
            assertThat(shim.decide(tx, FLOW, "o-1")).isEqualTo(Decision.SHADOW);
            shim.recordLegacyEffect(tx, FLOW, "o-1", "{\"to\":\"ada@shop.test\"}");
            tx.commit();
        }
        try (Connection tx = legacyTransaction()) {
            insertOrder(tx, "o-2");
            shim.decide(tx, FLOW, "o-2");
            tx.rollback();
        }

        assertThat(stamp("o-1")).isEqualTo("SHADOW");
        assertThat(stamp("o-2")).as("a rolled-back business change leaves no stamp").isNull();
        assertThat(count("select count(*) from cutover.effect_journal where occurrence_key = 'o-1'")).isEqualTo(1);
    }

    @Test
    void aStageChangeReachesTheShimWithinASecond() {
        flags.set(FLOW, Stage.CUTOVER, "go", "ops");

        await("the shim sees CUTOVER").atMost(Duration.ofSeconds(1)).until(() -> decideAndCommit("o-cut-" + System.nanoTime()) == Decision.NEW);
        flags.rollback(FLOW, "rollback", "ops");
        await("the shim sees the rollback").atMost(Duration.ofSeconds(1)).until(() -> decideAndCommit("o-back-" + System.nanoTime()) == Decision.LEGACY);
    }

    @Test
    void aFiringKeepsItsFirstDecisionWhateverTheFlagSaysLater() throws SQLException {
        flags.set(FLOW, Stage.SHADOW, "compare", "ops");
        await("the shim sees SHADOW").atMost(Duration.ofSeconds(2)).until(() -> decideAndCommit("probe-" + System.nanoTime()) == Decision.SHADOW);
        assertThat(decideAndCommit("o-3")).isEqualTo(Decision.SHADOW);
        flags.set(FLOW, Stage.CUTOVER, "go", "ops");
        await("the shim sees CUTOVER").atMost(Duration.ofSeconds(2)).until(() -> decideAndCommit("probe-" + System.nanoTime()) == Decision.NEW);

        assertThat(decideAndCommit("o-3")).isEqualTo(Decision.SHADOW);
        assertThat(stamp("o-3")).isEqualTo("SHADOW");
    }

    @Test
    void anUnreadableFlagStoreLetsTheLegacyPathActAndShowsInHealth() throws Exception {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setServerNames(new String[] {"127.0.0.1"});
        nowhere.setPortNumbers(new int[] {1});
        nowhere.setConnectTimeout(1);
        flags.set(FLOW, Stage.CUTOVER, "go", "ops");
        try (LegacyShim blind = LegacyShim.start(nowhere, Duration.ofMillis(200), Clock.systemUTC());
             Connection tx = legacyTransaction()) {
            assertThat(blind.awaitReady(Duration.ofSeconds(5))).isFalse();
            insertOrder(tx, "o-4");

            assertThat(blind.decide(tx, FLOW, "o-4")).isEqualTo(Decision.LEGACY);
            tx.commit();
            assertThat(blind.health().flagStoreReadable()).isFalse();
            assertThat(blind.health().fallbacks()).isEqualTo(1);
            assertThat(blind.health().lastProblem()).contains("flag store unreadable");
        }
        assertThat(stamp("o-4")).as("no stamp: the legacy path acted").isNull();
    }

    @Test
    void aFailingStampNeverBreaksTheLegacyTransaction() throws SQLException {
        flags.set(FLOW, Stage.CUTOVER, "go", "ops");
        await("the shim sees CUTOVER").atMost(Duration.ofSeconds(2)).until(() -> decideAndCommit("probe-" + System.nanoTime()) == Decision.NEW);
        try (Connection admin = database.connect(); Statement statement = admin.createStatement()) {
            statement.execute("alter table cutover.decision_stamp rename to decision_stamp_away");
        }
        try (Connection tx = legacyTransaction()) {
            insertOrder(tx, "o-5");
            assertThat(shim.decide(tx, FLOW, "o-5")).isEqualTo(Decision.LEGACY);
            shim.recordLegacyEffect(tx, FLOW, "o-5", "not json");
            insertOrder(tx, "o-5-after");
            tx.commit();
        } finally {
            try (Connection admin = database.connect(); Statement statement = admin.createStatement()) {
                statement.execute("alter table cutover.decision_stamp_away rename to decision_stamp");
            }
        }

        assertThat(count("select count(*) from shop_order where id in ('o-5', 'o-5-after')")).isEqualTo(2);
        assertThat(stamp("o-5")).isNull();
        assertThat(shim.health().fallbacks()).isEqualTo(1);
        assertThat(shim.health().journalFailures()).isEqualTo(1);
    }

    private Decision decideAndCommit(String key) throws SQLException {
        try (Connection tx = legacyTransaction()) {
            Decision decision = shim.decide(tx, FLOW, key);
            tx.commit();
            return decision;
        }
    }

    private static Connection legacyTransaction() throws SQLException {
        DataSource dataSource = database.dataSource();
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    private static void insertOrder(Connection tx, String id) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("insert into shop_order (id, status) values (?, 'CONFIRMED')")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
    }

    private static String stamp(String key) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement select = connection.prepareStatement(
                     "select decision from cutover.decision_stamp where flow = ? and occurrence_key = ?")) {
            select.setString(1, FLOW);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
