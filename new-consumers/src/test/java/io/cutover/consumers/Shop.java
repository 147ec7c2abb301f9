package io.cutover.consumers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cutover.bridge.BridgeSchema;
import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.EventLog;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.bridge.EventSource;
import io.cutover.consumers.spi.DatabasePort;
import io.cutover.flags.Decision;
import io.cutover.testsupport.postgres.Database;

/**
 * A tiny made-up shop for the runtime's tests: events appended straight into the PostgreSQL event log, decision
 * stamps written as the legacy shim would, and a ledger table as the database effect.
 */
final class Shop {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong LSN = new AtomicLong(1000);

    final Database database;
    final DataSource dataSource;
    final EventLog log;
    /** Planned backoff delays; tests never wait them out. */
    final List<Duration> plannedDelays = new CopyOnWriteArrayList<>();

    /** One ledger row per points award: what the loyalty consumer does for real. */
    record PointsAwarded(String orderId, int points) {
    }

    static final DatabasePort<PointsAwarded> LEDGER = (tx, award) -> {
        try (PreparedStatement insert = tx.prepareStatement(
                "insert into ledger (order_id, points, thread) values (?, ?, ?)")) {
            insert.setString(1, award.orderId());
            insert.setInt(2, award.points());
            insert.setString(3, Thread.currentThread().getName());
            insert.executeUpdate();
        }
    };

    Shop(Database database) {
        this.database = database;
        this.dataSource = database.dataSource();
        BridgeSchema.migrate(dataSource);
        FlagStoreSchema.migrate(dataSource);
        ConsumerSchema.migrate(dataSource);
        update("create table if not exists ledger (id bigserial primary key, order_id text not null,"
                + " points integer not null, thread text not null)");
        this.log = EventLog.postgres(dataSource, java.time.Clock.systemUTC());
    }

    /** Every test starts from an empty log and empty runtime tables. */
    void reset() {
        update("truncate cutover.event_log, cutover.consumer_checkpoint, cutover.consumer_processed,"
                + " cutover.consumer_dead_letter, cutover.consumer_parked, cutover.consumer_outbox,"
                + " cutover.shadow_effect, cutover.decision_stamp, ledger restart identity");
        plannedDelays.clear();
    }

    RuntimeSettings settings(int workers) {
        return RuntimeSettings.custom()
                .workers(workers)
                .maxAttempts(3)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(10))
                .jitter(0.25)
                .fallbackPoll(Duration.ofMillis(200))
                .retryDelays(planned -> {
                    plannedDelays.add(planned);
                    return Duration.ZERO;
                })
                .build();
    }

    static EventEnvelope event(String type, int version, String key, Map<String, Object> data) {
        ObjectNode node = JSON.valueToTree(data);
        return new EventEnvelope(UUID.randomUUID(), type, version, Instant.now(),
                new EventSource("shop", "shop", "orders", LSN.incrementAndGet(), 7), key, null, null, node);
    }

    static EventEnvelope confirmed(String orderId, int n) {
        return event("OrderConfirmed", 1, orderId, Map.of("order_id", orderId, "n", n));
    }

    void append(EventEnvelope... events) {
        log.append(List.of(events));
    }

    /** What the legacy shim writes in the legacy transaction. */
    void stamp(String flow, String occurrenceKey, Decision decision) {
        update("insert into cutover.decision_stamp (flow, occurrence_key, decision, stage, canary_percent, decided_at)"
                + " values ('" + flow + "', '" + occurrenceKey + "', '" + decision + "', 'SHADOW', 0, now())");
    }

    long count(String sql) {
        return Long.parseLong(strings(sql).get(0));
    }

    List<String> strings(String sql) {
        try (Connection c = database.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    void update(String sql) {
        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
