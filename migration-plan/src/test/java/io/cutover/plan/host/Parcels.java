package io.cutover.plan.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.cutover.consumers.spi.Accepts;
import io.cutover.consumers.spi.Consumer;
import io.cutover.consumers.spi.DatabasePort;
import io.cutover.flags.shim.LegacyShim;
import io.cutover.testsupport.postgres.Database;

/**
 * A legacy application the toolkit has never seen: a {@code parcels} table whose dispatch has two side effects, a
 * courier note (journaled by the legacy path, compared in shadow) and a parcel label (whose new consumer fails on
 * demand, for dead letters).
 */
final class Parcels {
    static final String NOTE_FLOW = "courier-note";
    static final String LABEL_FLOW = "parcel-label";
    static final String CATALOG = """
            events:
              - type: ParcelDispatched
                table: public.parcels
                operation: update
                transition: {status: PENDING -> DISPATCHED}
                partition_key: id
                payload: {id: parcel_id}
            """;

    /** Parcel ids whose label the new consumer fails to print. */
    final Set<String> failingLabels = ConcurrentHashMap.newKeySet();
    private final DataSource dataSource;

    Parcels(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    record CourierNote(String parcel) {
    }

    record LabelPrinted(String parcel) {
    }

    static void createTable(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table public.parcels (id bigint primary key, status text not null)");
        }
    }

    /** The bridge's keys for {@code db}, under the name {@code bridge}. */
    static Map<String, String> bridgeConfig(Database db, String bridge) {
        return Map.of("cutover.bridge.name", bridge,
                "cutover.bridge.db.host", db.host(),
                "cutover.bridge.db.port", String.valueOf(db.port()),
                "cutover.bridge.db.name", db.name(),
                "cutover.bridge.db.user", db.user(),
                "cutover.bridge.db.password", db.password(),
                "cutover.bridge.set-replica-identity", "true");
    }

    static Path catalogFile(Path dir) throws Exception {
        return Files.writeString(dir.resolve("parcels.yaml"), CATALOG);
    }

    List<Consumer> consumers() {
        DatabasePort<CourierNote> notes = (tx, note) -> { };
        DatabasePort<LabelPrinted> labels = (tx, label) -> { };
        Consumer note = Consumer.named(NOTE_FLOW)
                .accepts(Accepts.of("ParcelDispatched", 1))
                .fires(NOTE_FLOW, event -> event.data().get("parcel_id").asText())
                .handles((event, effects) -> effects.write(notes, new CourierNote(event.data().get("parcel_id").asText())));
        Consumer label = Consumer.named(LABEL_FLOW)
                .accepts(Accepts.of("ParcelDispatched", 1))
                .fires(LABEL_FLOW, event -> event.data().get("parcel_id").asText())
                .handles((event, effects) -> {
                    String parcel = event.data().get("parcel_id").asText();
                    if (failingLabels.contains(parcel)) {
                        throw new IllegalStateException("label printer jammed on parcel " + parcel);
                    }
                    effects.write(labels, new LabelPrinted(parcel));
                });
        return List.of(note, label);
    }

    /** The legacy request: the parcel leaves, in one transaction with the shim's stamps and the journaled note. */
    void dispatch(LegacyShim shim, long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("insert into public.parcels values (?, 'PENDING')")) {
                insert.setLong(1, id);
                insert.executeUpdate();
            }
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("update public.parcels set status = 'DISPATCHED' where id = ?")) {
                update.setLong(1, id);
                update.executeUpdate();
            }
            String key = String.valueOf(id);
            if (shim.decide(c, NOTE_FLOW, key).legacyActs()) {
                shim.recordLegacyEffect(c, NOTE_FLOW, key, "{\"parcel\":\"" + key + "\"}");
            }
            shim.decide(c, LABEL_FLOW, key);
            c.commit();
        }
    }
}
