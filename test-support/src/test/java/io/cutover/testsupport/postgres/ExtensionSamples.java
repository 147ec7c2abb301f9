package io.cutover.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Test classes that {@link PostgresExtensionIT} runs through the JUnit testkit (never directly: the name matches
 * neither *Test nor *IT). They record what they saw in static fields for the outer test to check.
 */
final class ExtensionSamples {
    /** Every class database a sample saw in the current nested run, in order. */
    static final List<Database> SEEN = new CopyOnWriteArrayList<>();

    private ExtensionSamples() {
    }

    static void createSlot(Database db, String slot) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("select pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        }
    }

    @WithPostgres
    @Order(1)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class LeavesSlotsBehind {
        static volatile Database classDb;
        static volatile String classSlot;
        static volatile String leftSlot;
        static volatile String failedTestSlot;

        @BeforeAll
        static void createClassLevelSlot(Database db) throws SQLException {
            classDb = db;
            SEEN.add(db);
            classSlot = db.uniqueName("class");
            createSlot(db, classSlot);
        }

        @Test
        @Order(1)
        void leavesASlotAndAPublication(Database db) throws SQLException {
            assertThat(db).isEqualTo(classDb);
            leftSlot = db.uniqueName("left");
            createSlot(db, leftSlot);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("create table t (id int primary key)");
                st.execute("create publication left_pub for table t");
            }
        }

        @Test
        @Order(2)
        void seesThemDroppedButTheClassLevelSlotKept(Database db, ThrowawayPostgres pg) throws SQLException {
            assertThat(pg.slots(db)).containsExactly(classSlot);
            assertThat(pg.publications(db)).isEmpty();
        }

        @Test
        @Order(3)
        void failsAfterLeavingASlot(Database db) throws SQLException {
            failedTestSlot = db.uniqueName("failed");
            createSlot(db, failedTestSlot);
            fail("on purpose");
        }

        @Test
        @Order(4)
        void theFailedTestsSlotWasDroppedToo(Database db, ThrowawayPostgres pg) throws SQLException {
            assertThat(pg.slots(db)).containsExactly(classSlot);
        }
    }

    @WithPostgres
    @Order(1)
    static class ConstructorAndNested {
        static volatile Database seen;
        private final Database db;

        ConstructorAndNested(Database db) {
            this.db = db;
        }

        @Test
        void constructorAndMethodGetTheSameWorkingDatabase(Database param, ThrowawayPostgres pg) throws SQLException {
            seen = db;
            SEEN.add(db);
            assertThat(param).isEqualTo(db);
            assertThat(pg.port()).isEqualTo(db.port());
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("create table if not exists hello (id int)");
            }
        }

        @Nested
        class Inner {
            @Test
            void sharesTheEnclosingClassDatabase(Database inner) {
                assertThat(inner).isEqualTo(db);
            }
        }
    }

    @WithPostgres
    @Order(1)
    static class FailingBeforeAll {
        static volatile Database seen;

        @BeforeAll
        static void boom(Database db) {
            seen = db;
            SEEN.add(db);
            throw new IllegalStateException("boom in @BeforeAll");
        }

        @Test
        void neverRuns() {
            fail("must not run");
        }
    }

    /** Runs last (class order by @Order): the samples' databases must be gone while the server still runs. */
    @WithPostgres
    @Order(Integer.MAX_VALUE)
    static class ChecksEarlierClassDatabasesWereDropped {
        @Test
        void earlierClassDatabasesAreGone(ThrowawayPostgres pg) throws SQLException {
            assertThat(SEEN).isNotEmpty();
            try (Connection c = pg.connectAsAdmin("postgres")) {
                for (Database db : SEEN) {
                    assertThat(ThrowawayPostgresIT.count(c, "select count(*) from pg_database where datname = '" + db.name() + "'"))
                            .as("database %s dropped after its class", db.name()).isZero();
                    assertThat(ThrowawayPostgresIT.count(c, "select count(*) from pg_roles where rolname = '" + db.user() + "'"))
                            .as("role %s dropped after its class", db.user()).isZero();
                }
            }
        }
    }
}
