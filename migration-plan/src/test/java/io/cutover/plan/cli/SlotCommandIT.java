package io.cutover.plan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

import io.cutover.bridge.BridgeSchema;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class SlotCommandIT {

    private Database database;
    private CliRun cli;

    @BeforeEach
    void aBridgeLeftItsSlotPublicationAndOffsets(Database db) throws SQLException {
        database = db;
        cli = new CliRun(db, Clock.systemUTC());
        BridgeSchema.migrate(db.dataSource());
        sql("create table if not exists orders (id bigint primary key, status text)");
        sql("select pg_create_logical_replication_slot('cutover_shop', 'pgoutput')");
        sql("create publication cutover_shop for table orders");
        sql("insert into cutover.bridge_offset values ('shop', 'k'::bytea, 'v'::bytea, now()) on conflict do nothing");
        sql("insert into orders select g, 'PENDING' from generate_series(1, 2000) g on conflict do nothing");
    }

    @AfterEach
    void dropWhatIsLeft() {
        database.dropReplicationSlotsAndPublications();
    }

    @Test
    void statusShowsEachSlotWithTheWalItHoldsBackAndItsBridge() {
        assertThat(cli.cutover("slot", "status")).isZero();
        assertThat(cli.out()).containsPattern("cutover_shop +pgoutput +no +[0-9A-F]+/[0-9A-F]+ +[0-9.]+ [KM]iB +reserved +shop");
    }

    @Test
    void dropDecommissionsTheBridgeSlotPublicationAndOffsets() throws SQLException {
        assertThat(cli.cutover("slot", "drop", "shop", "--reason", "shop moved to Kafka")).isZero();

        assertThat(cli.out()).contains("bridge shop decommissioned by alice: slot cutover_shop, publication"
                + " cutover_shop and offsets dropped (shop moved to Kafka)");
        assertThat(count("select count(*) from pg_replication_slots where slot_name = 'cutover_shop'")).isZero();
        assertThat(count("select count(*) from pg_publication where pubname = 'cutover_shop'")).isZero();
        assertThat(count("select count(*) from cutover.bridge_offset where bridge = 'shop'")).isZero();
        assertThat(cli.cutover("slot", "status")).isZero();
        assertThat(cli.out()).contains("no logical replication slots in this database");
    }

    @Test
    void aSlotStillBeingReadIsNotDroppedAndNothingElseIsEither() throws Exception {
        try (Connection replication = replicationConnection();
             PGReplicationStream stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream()
                     .logical().withSlotName("cutover_shop").withSlotOption("proto_version", 1)
                     .withSlotOption("publication_names", "cutover_shop").start()) {
            stream.readPending();
            assertThat(cli.cutover("slot", "drop", "shop", "--reason", "x", "--wait", "PT1S")).isEqualTo(1);
        }
        assertThat(cli.err()).contains("replication slot 'cutover_shop' is still in use");
        assertThat(count("select count(*) from pg_replication_slots where slot_name = 'cutover_shop'")).isOne();
        assertThat(count("select count(*) from cutover.bridge_offset where bridge = 'shop'")).isOne();
    }

    @Test
    void anUnknownSlotIsAWrongRequest() {
        assertThat(cli.cutover("slot", "drop", "billing", "--reason", "x")).isEqualTo(2);
        assertThat(cli.err()).contains("there is no replication slot 'cutover_billing' in this database");
    }

    private Connection replicationConnection() throws SQLException {
        Properties props = new Properties();
        PGProperty.USER.set(props, database.user());
        PGProperty.PASSWORD.set(props, database.password());
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        return DriverManager.getConnection(database.jdbcUrl(), props);
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private long count(String query) throws SQLException {
        try (Connection c = database.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
