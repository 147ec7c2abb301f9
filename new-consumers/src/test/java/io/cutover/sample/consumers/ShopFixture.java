package io.cutover.sample.consumers;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cutover.bridge.BridgeSchema;
import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.EventLog;
import io.cutover.bridge.EventSource;
import io.cutover.consumers.ConsumerRuntime;
import io.cutover.consumers.ConsumerSchema;
import io.cutover.consumers.RuntimeSettings;
import io.cutover.consumers.compare.ComparatorConfig;
import io.cutover.consumers.spi.Consumer;
import io.cutover.flags.Decision;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.testsupport.postgres.Database;

/**
 * The legacy shop's database for the sample consumers' tests: the legacy schema applied from legacy-app's own
 * migrations, the cutover schemas beside it, rows seeded and transitions made with plain SQL as the legacy DAOs write
 * them, and for each transition the envelope the sample catalog would make of it, appended to the event log.
 */
final class ShopFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Relative to the module directory, where surefire and failsafe run. */
    static final Path LEGACY_MIGRATIONS = Path.of("../legacy-app/src/main/resources/db/migration");
    static final Path LEGACY_COMPARATOR = Path.of("../legacy-app/src/main/cutover/comparator.yaml");
    private static final AtomicLong LSN = new AtomicLong(10_000);

    final DataSource dataSource;
    final EventLog log;

    ShopFixture(Database database) {
        if (!Files.isDirectory(LEGACY_MIGRATIONS)) {
            throw new IllegalStateException("legacy migrations not found at " + LEGACY_MIGRATIONS.toAbsolutePath());
        }
        this.dataSource = database.dataSource();
        Flyway.configure().dataSource(dataSource)
                .locations("filesystem:" + LEGACY_MIGRATIONS.toAbsolutePath().normalize())
                .failOnMissingLocations(true)
                .load().migrate();
        FlagStoreSchema.migrate(dataSource);
        BridgeSchema.migrate(dataSource);
        ConsumerSchema.migrate(dataSource);
        this.log = EventLog.postgres(dataSource, Clock.systemUTC());
    }

    /** Every test starts from an empty shop, log and runtime. */
    void reset() {
        update("truncate cutover.event_log, cutover.consumer_checkpoint, cutover.consumer_processed,"
                + " cutover.consumer_dead_letter, cutover.consumer_parked, cutover.consumer_outbox,"
                + " cutover.shadow_effect, cutover.decision_stamp, audit_log, stock_movements, loyalty_ledger,"
                + " order_lines, orders, products, customers restart identity cascade");
    }

    static ComparatorConfig legacyComparatorRules() {
        return ComparatorConfig.load(LEGACY_COMPARATOR);
    }

    RuntimeSettings settings() {
        return RuntimeSettings.custom().workers(2).maxAttempts(3).fallbackPoll(Duration.ofMillis(200))
                .retryDelays(planned -> Duration.ZERO).build();
    }

    ConsumerRuntime start(Consumer consumer) {
        return ConsumerRuntime.builder(dataSource).settings(settings()).consumer(consumer).start();
    }

    // --- the shop's rows, as the legacy DAOs write them -------------------------------------------------------------

    long customer(String name, String email, String address) {
        return insert("insert into customers (name, email, shipping_address, created_at) values (?, ?, ?, now())",
                name, email, address);
    }

    long product(String sku, String name, String price, int onHand) {
        return insert("insert into products (sku, name, price, stock_on_hand, stock_reserved, created_at)"
                + " values (?, ?, ?::numeric, ?, 0, now())", sku, name, price, onHand);
    }

    /** A PENDING order at the products' prices, lines numbered from 1 (quantities by product, in order). */
    long order(long customerId, Map<Long, Integer> quantities) {
        BigDecimal total = BigDecimal.ZERO;
        List<Object[]> lines = new ArrayList<>();
        int lineNo = 0;
        for (Map.Entry<Long, Integer> q : quantities.entrySet()) {
            BigDecimal price = new BigDecimal(string("select price from products where id = " + q.getKey()));
            BigDecimal lineTotal = price.multiply(BigDecimal.valueOf(q.getValue()));
            total = total.add(lineTotal);
            lines.add(new Object[] {++lineNo, q.getKey(), q.getValue(), price, lineTotal});
        }
        long id = insert("insert into orders (customer_id, status, total, placed_at, updated_at)"
                + " values (?, 'PENDING', ?, now(), now())", customerId, total);
        for (Object[] l : lines) {
            insert("insert into order_lines (order_id, line_no, product_id, quantity, unit_price, line_total)"
                    + " values (?, ?, ?, ?, ?, ?)", id, l[0], l[1], l[2], l[3], l[4]);
        }
        return id;
    }

    static Map<Long, Integer> lines(long productA, int quantityA, long productB, int quantityB) {
        Map<Long, Integer> m = new LinkedHashMap<>();
        m.put(productA, quantityA);
        m.put(productB, quantityB);
        return m;
    }

    // --- transitions and the catalog's envelopes for them ------------------------------------------------------------

    /** {@code OrderPlaced}: {id: order_id, customer_id, status, total, placed_at}. */
    EventEnvelope placed(long order) {
        return event("OrderPlaced", order, "select id as order_id, customer_id, status, total, placed_at from orders");
    }

    /** PENDING -> CONFIRMED; {@code OrderConfirmed}: {id: order_id, customer_id, total, confirmed_at}. */
    EventEnvelope confirm(long order) {
        update("update orders set status = 'CONFIRMED', confirmed_at = now(), updated_at = now() where id = " + order);
        return event("OrderConfirmed", order, "select id as order_id, customer_id, total, confirmed_at from orders");
    }

    /** -> CANCELLED; {@code OrderCancelled}: {id: order_id, customer_id, confirmed_at, cancelled_at}. */
    EventEnvelope cancel(long order) {
        update("update orders set status = 'CANCELLED', cancelled_at = now(), updated_at = now() where id = " + order);
        return event("OrderCancelled", order,
                "select id as order_id, customer_id, confirmed_at, cancelled_at from orders");
    }

    /** CONFIRMED -> SHIPPED; {@code OrderShipped}: {id: order_id, customer_id, shipped_at}. */
    EventEnvelope ship(long order) {
        update("update orders set status = 'SHIPPED', shipped_at = now(), updated_at = now() where id = " + order);
        return event("OrderShipped", order, "select id as order_id, customer_id, shipped_at from orders");
    }

    /** The row's columns as the bridge maps them: ids as numbers, numerics as text, timestamps as ISO-8601 UTC text. */
    private EventEnvelope event(String type, long order, String select) {
        ObjectNode data = JSON.createObjectNode();
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement(select + " where id = ?")) {
            st.setLong(1, order);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    String name = rs.getMetaData().getColumnLabel(i);
                    String sqlType = rs.getMetaData().getColumnTypeName(i);
                    if (rs.getObject(i) == null) {
                        data.putNull(name);
                    } else if (sqlType.startsWith("int") || sqlType.startsWith("bigserial")) {
                        data.put(name, rs.getLong(i));
                    } else if (sqlType.equals("timestamptz")) {
                        data.put(name, rs.getObject(i, OffsetDateTime.class).toInstant().toString());
                    } else {
                        data.put(name, rs.getString(i)); // numeric (decimal.handling.mode=string) and text
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        long lsn = LSN.incrementAndGet();
        String id = String.valueOf(order);
        return new EventEnvelope(UUID.randomUUID(), type, 1, Instant.now(),
                new EventSource("legacy", "public", "orders", lsn, lsn), id, id, "pg-tx:legacy:" + lsn, data);
    }

    void append(EventEnvelope... events) {
        log.append(List.of(events));
    }

    /** What the legacy shim writes in the legacy transaction. */
    void stamp(String flow, String occurrenceKey, Decision decision) {
        String stage = decision == Decision.NEW ? "CUTOVER" : decision == Decision.SHADOW ? "SHADOW" : "LEGACY";
        update("insert into cutover.decision_stamp (flow, occurrence_key, decision, stage, canary_percent, decided_at)"
                + " values ('" + flow + "', '" + occurrenceKey + "', '" + decision + "', '" + stage + "', 0, now())");
    }

    // --- waiting and looking -------------------------------------------------------------------------------------------

    /** Until the consumer has marked {@code events} events done (any outcome). */
    void awaitDone(String consumer, int events) {
        await(consumer + " done with " + events + " events").atMost(PATIENCE)
                .until(() -> count("select count(*) from cutover.consumer_processed where consumer = '" + consumer + "'")
                        == events);
    }

    /** Reads the whole log again; every event is already marked, so each is a duplicate and nothing is repeated. */
    void awaitRedelivered(ConsumerRuntime runtime, String consumer, int events) {
        runtime.replayFrom(consumer, 1);
        await(consumer + " saw " + events + " redelivered events").atMost(PATIENCE)
                .until(() -> runtime.metrics(consumer).duplicates() == events);
    }

    /** The shadow effect recorded for one firing, as stored (jsonb) and read back. */
    JsonNode shadowEffect(String flow, String occurrenceKey) {
        List<String> all = strings("select effect::text from cutover.shadow_effect where flow = '" + flow
                + "' and occurrence_key = '" + occurrenceKey + "'");
        if (all.size() != 1) {
            throw new AssertionError("expected one shadow effect for " + flow + "/" + occurrenceKey + ", got " + all);
        }
        return json(all.get(0));
    }

    /** Goes through jsonb like the journal does, so numbers and member order read back as the comparator sees them. */
    JsonNode legacyDescriptor(String json) {
        return json(string("select '" + json.replace("'", "''") + "'::jsonb::text"));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(text, e);
        }
    }

    long count(String sql) {
        return Long.parseLong(string(sql));
    }

    String string(String sql) {
        List<String> all = strings(sql);
        return all.isEmpty() ? null : all.get(0);
    }

    List<String> strings(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql);
             ResultSet rs = st.executeQuery()) {
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
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs an {@code insert ... returning id} and gives the id. */
    private long insert(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql + " returning id")) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
