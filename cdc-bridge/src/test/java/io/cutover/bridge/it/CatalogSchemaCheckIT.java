package io.cutover.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cutover.bridge.CatalogException;
import io.cutover.bridge.EventCatalog;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class CatalogSchemaCheckIT {

    private static Database db;

    @BeforeAll
    static void tables(Database database) throws Exception {
        db = database;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("create schema depot");
            st.execute("create table depot.parcel (id bigint primary key, state text not null, weight_kg numeric(8,2))");
            // a look-alike: LIKE patterns in JDBC metadata must not make parcel_x match "parcel_"
            st.execute("create table depot.parcelx (id bigint primary key, other text)");
        }
    }

    @Test
    void aCatalogThatFitsTheSchemaPasses() {
        EventCatalog catalog = EventCatalog.parse("ok.yaml", """
                events:
                  - type: ParcelDispatched
                    table: depot.parcel
                    operation: update
                    transition: {state: PACKED -> DISPATCHED}
                    partition_key: id
                    payload: {id: parcel_id, weight_kg: weight}
                """);

        assertThatCode(() -> catalog.checkSchema(db.dataSource())).doesNotThrowAnyException();
    }

    @Test
    void unknownTablesAndColumnsAreRefusedWithFileLineAndName() {
        EventCatalog catalog = EventCatalog.parse("legacy.yaml", """
                events:
                  - type: ParcelDispatched
                    table: depot.parcel
                    operation: update
                    transition: {status: PACKED -> DISPATCHED}
                    partition_key: id
                    correlation: ref
                    payload:
                      id: parcel_id
                      weight: weight
                  - type: TruckLoaded
                    table: depot.truck
                    operation: insert
                    partition_key: id
                    payload: [id]
                """);

        CatalogException e = org.assertj.core.api.Assertions.catchThrowableOfType(CatalogException.class,
                () -> catalog.checkSchema(db.dataSource()));

        assertThat(e.problems()).extracting(Object::toString).containsExactly(
                "legacy.yaml:11: table: table depot.truck does not exist (or is not visible to user " + db.user() + ")",
                "legacy.yaml:5: events[0].transition.status: column status does not exist in table depot.parcel",
                "legacy.yaml:7: events[0].correlation: column ref does not exist in table depot.parcel",
                "legacy.yaml:10: events[0].payload.weight: column weight does not exist in table depot.parcel");
    }
}
