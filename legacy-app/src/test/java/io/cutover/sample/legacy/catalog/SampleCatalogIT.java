package io.cutover.sample.legacy.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cutover.bridge.Bridge;
import io.cutover.bridge.BridgeConfig;
import io.cutover.bridge.CatalogException;
import io.cutover.bridge.EventCatalog;
import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.EventLog;
import io.cutover.bridge.LoggedEvent;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

/**
 * The sample shop's event catalog ({@code src/main/cutover/catalog.yaml}) against the shop's real schema (its Flyway
 * migrations on a throwaway PostgreSQL), and through a real bridge: shop rows written with plain SQL, the way the
 * legacy code writes them, come out of the log as the catalog's past-tense events.
 */
@WithPostgres
class SampleCatalogIT {
    private static final Path CATALOG = Path.of("src", "main", "cutover", "catalog.yaml");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Database db;

    @BeforeAll
    static void migrateTheShop(Database database) {
        db = database;
        Flyway.configure().dataSource(db.dataSource()).locations("filesystem:src/main/resources/db/migration")
                .failOnMissingLocations(true).load().migrate();
    }

    @Test
    void theCatalogFitsTheLiveSchemaAndCoversEveryShopTable() throws SQLException {
        EventCatalog catalog = EventCatalog.load(CATALOG);

        catalog.checkSchema(db.dataSource());

        Set<String> shopTables = new TreeSet<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select 'public.' || tablename from pg_tables where schemaname = 'public' and tablename <> 'flyway_schema_history'")) {
            while (rs.next()) {
                shopTables.add(rs.getString(1));
            }
        }
        assertThat(shopTables).hasSize(7);
        assertThat(new TreeSet<>(catalog.tables())).isEqualTo(shopTables);
        assertThat(catalog.entries()).extracting(e -> e.type()).contains("CustomerRegistered", "ProductAdded", "StockAdjusted",
                "OrderPlaced", "OrderConfirmed", "OrderCancelled", "OrderShipped");
    }

    @Test
    void aCatalogThatDriftedFromTheShopSchemaIsRefusedWithFileLineAndColumn() throws Exception {
        String drifted = Files.readString(CATALOG).replace("email: email", "e_mail: email");
        EventCatalog catalog = EventCatalog.parse("catalog.yaml", drifted);
        int line = lineOf(drifted, "e_mail: email");

        assertThatThrownBy(() -> catalog.checkSchema(db.dataSource())).isInstanceOf(CatalogException.class)
                .hasMessageContaining("catalog.yaml:" + line + ": events[0].payload.e_mail: column e_mail does not exist in"
                        + " table public.customers");
    }

    @Test
    void shopRowChangesArriveInTheLogAsTheCatalogsEvents() throws Exception {
        BridgeConfig config = BridgeConfig.builder().name("shop").database(db.host(), db.port(), db.name(), db.user(), db.password())
                .setReplicaIdentity(true).heartbeatInterval(Duration.ofMillis(200)).startTimeout(Duration.ofSeconds(90)).build();
        Instant began = Instant.now().minusSeconds(1);
        try (EventLog log = EventLog.postgres(db.dataSource(), Clock.systemUTC());
                Bridge bridge = Bridge.start(config, EventCatalog.load(CATALOG), log, Clock.systemUTC())) {
            Shop shop = new Shop();
            long ada = shop.registerCustomer("Ada", "ada@shop.test");
            long pen = shop.addProduct("PEN-1", "12.50", 100);
            long ink = shop.addProduct("INK-1", "4.00", 50);
            long first = shop.placeOrder(ada, new long[] {pen, ink}, new int[] {2, 3}, "37.00");
            shop.confirm(first, ada, 37, new long[] {pen, ink}, new int[] {2, 3});
            shop.ship(first, new long[] {pen, ink}, new int[] {2, 3});
            long second = shop.placeOrder(ada, new long[] {pen}, new int[] {1}, "12.50");
            shop.cancel(second, "PENDING", new long[0], new int[0]);
            long third = shop.placeOrder(ada, new long[] {ink}, new int[] {4}, "16.00");
            shop.confirm(third, ada, 16, new long[] {ink}, new int[] {4});
            shop.cancel(third, "CONFIRMED", new long[] {ink}, new int[] {4});
            shop.adjustStock(pen, -5, "breakage");
            shop.sql("update orders set updated_at = now() where id = " + first); // no transition: no event
            // the log keeps commit order: once the sentinel's event is in, everything committed before it is too
            long sentinel = shop.registerCustomer("Sentinel", "last@shop.test");

            String o1 = Long.toString(first);
            String o2 = Long.toString(second);
            String o3 = Long.toString(third);
            String p = Long.toString(pen);
            String i = Long.toString(ink);
            List<EventEnvelope> events = awaitEventsUntil(log, "CustomerRegistered", Long.toString(sentinel));

            assertThat(events).extracting(EventEnvelope::type, EventEnvelope::partitionKey).containsExactly(
                    tuple("CustomerRegistered", Long.toString(ada)), tuple("AuditEntryWritten", "customer:" + ada),
                    tuple("ProductAdded", p), tuple("StockReceived", p), tuple("AuditEntryWritten", "product:" + p),
                    tuple("ProductAdded", i), tuple("StockReceived", i), tuple("AuditEntryWritten", "product:" + i),
                    // first order: placed, confirmed, shipped
                    tuple("OrderPlaced", o1), tuple("OrderLineAdded", o1), tuple("OrderLineAdded", o1),
                    tuple("AuditEntryWritten", "order:" + o1),
                    tuple("StockReserved", p), tuple("StockReserved", i), tuple("OrderConfirmed", o1),
                    tuple("AuditEntryWritten", "order:" + o1), tuple("LoyaltyPointsAwarded", Long.toString(ada)),
                    tuple("StockShipped", p), tuple("StockShipped", i), tuple("OrderShipped", o1),
                    tuple("AuditEntryWritten", "order:" + o1),
                    // second: cancelled while pending
                    tuple("OrderPlaced", o2), tuple("OrderLineAdded", o2), tuple("AuditEntryWritten", "order:" + o2),
                    tuple("OrderCancelled", o2), tuple("AuditEntryWritten", "order:" + o2),
                    // third: confirmed, then cancelled: its stock is released
                    tuple("OrderPlaced", o3), tuple("OrderLineAdded", o3), tuple("AuditEntryWritten", "order:" + o3),
                    tuple("StockReserved", i), tuple("OrderConfirmed", o3), tuple("AuditEntryWritten", "order:" + o3),
                    tuple("LoyaltyPointsAwarded", Long.toString(ada)),
                    tuple("StockReleased", i), tuple("OrderCancelled", o3), tuple("AuditEntryWritten", "order:" + o3),
                    tuple("StockAdjusted", p));

            EventEnvelope confirmed = only(events, "OrderConfirmed", o1);
            assertThat(confirmed.correlationId()).isEqualTo(o1);
            assertThat(fields(confirmed.data())).as("ids and the changed facts only")
                    .containsExactlyInAnyOrder("order_id", "customer_id", "total", "confirmed_at");
            assertThat(confirmed.data().get("total").asText()).isEqualTo("37.00");
            assertThat(Instant.parse(confirmed.data().get("confirmed_at").asText())).isAfter(began);
            assertThat(confirmed.occurredAt()).isAfter(began);
            assertThat(confirmed.source().table()).isEqualTo("orders");

            assertThat(only(events, "OrderCancelled", o2).data().get("confirmed_at").isNull())
                    .as("a pending order was cancelled: nothing reserved").isTrue();
            assertThat(only(events, "OrderCancelled", o3).data().get("confirmed_at").isNull())
                    .as("a confirmed order was cancelled: its reservation is released").isFalse();
            assertThat(only(events, "CustomerRegistered", Long.toString(ada)).data().get("email").asText()).isEqualTo("ada@shop.test");
            EventEnvelope adjusted = only(events, "StockAdjusted", p);
            assertThat(adjusted.data().get("delta").asInt()).isEqualTo(-5);
            assertThat(adjusted.data().get("reason").asText()).isEqualTo("breakage");
            assertThat(adjusted.correlationId()).as("a manual adjustment belongs to no order").isNull();
            EventEnvelope released = only(events, "StockReleased", i);
            assertThat(released.correlationId()).isEqualTo(o3);
            assertThat(released.data().get("delta").asInt()).isEqualTo(-4);
            assertThat(events.stream().filter(e -> e.type().equals("LoyaltyPointsAwarded")).map(e -> e.data().get("points").asInt()))
                    .containsExactly(37, 16);
            assertThat(events).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
            assertThat(bridge.stats().deadLettered()).isZero();
            assertThat(bridge.state()).isEqualTo(Bridge.State.RUNNING);
        }
    }

    /** Every event before the sentinel event, once the sentinel is in the log. */
    private static List<EventEnvelope> awaitEventsUntil(EventLog log, String type, String partitionKey) {
        await(type + " " + partitionKey + " in the log").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> log.readFrom(0, 1000).stream().anyMatch(e -> e.envelope().type().equals(type)
                        && e.envelope().partitionKey().equals(partitionKey)));
        List<EventEnvelope> out = new ArrayList<>();
        for (LoggedEvent e : log.readFrom(0, 1000)) {
            if (e.envelope().type().equals(type) && e.envelope().partitionKey().equals(partitionKey)) {
                return out;
            }
            out.add(e.envelope());
        }
        throw new AssertionError("sentinel vanished from the log");
    }

    private static EventEnvelope only(List<EventEnvelope> events, String type, String partitionKey) {
        List<EventEnvelope> matching = events.stream().filter(e -> e.type().equals(type) && e.partitionKey().equals(partitionKey))
                .toList();
        assertThat(matching).as("%s %s", type, partitionKey).hasSize(1);
        return matching.get(0);
    }

    private static List<String> fields(JsonNode data) {
        List<String> names = new ArrayList<>();
        data.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            if (lines[n].contains(needle)) {
                return n + 1;
            }
        }
        throw new AssertionError(needle + " not in the catalog");
    }

    /** The shop's writes, statement by statement as the legacy DAOs issue them, one transaction per request. */
    private static final class Shop {

        long registerCustomer(String name, String email) throws SQLException {
            return tx(c -> {
                long id = insert(c, "insert into customers (name, email, shipping_address, created_at) values (?, ?, '1 Main St', now())",
                        name, email);
                audit(c, "customer", id, "CREATED", null, null);
                return id;
            });
        }

        long addProduct(String sku, String price, int stock) throws SQLException {
            return tx(c -> {
                long id = insert(c, "insert into products (sku, name, price, stock_on_hand, stock_reserved, created_at)"
                        + " values (?, ?, ?::numeric, ?, 0, now())", sku, sku + " item", price, stock);
                movement(c, id, null, "RECEIVED", stock, "initial stock");
                audit(c, "product", id, "CREATED", null, null);
                return id;
            });
        }

        long placeOrder(long customer, long[] products, int[] quantities, String total) throws SQLException {
            return tx(c -> {
                long id = insert(c, "insert into orders (customer_id, status, total, placed_at, updated_at)"
                        + " values (?, 'PENDING', ?::numeric, now(), now())", customer, total);
                for (int n = 0; n < products.length; n++) {
                    update(c, "insert into order_lines (order_id, line_no, product_id, quantity, unit_price, line_total)"
                            + " select ?, ?, id, ?, price, price * ? from products where id = ?", id, n + 1, quantities[n],
                            quantities[n], products[n]);
                }
                audit(c, "order", id, "PLACED", null, "PENDING");
                return id;
            });
        }

        void confirm(long order, long customer, int points, long[] products, int[] quantities) throws SQLException {
            tx(c -> {
                for (int n = 0; n < products.length; n++) {
                    update(c, "update products set stock_reserved = stock_reserved + ? where id = ?", quantities[n], products[n]);
                    movement(c, products[n], order, "RESERVED", quantities[n], null);
                }
                update(c, "update orders set status = 'CONFIRMED', confirmed_at = now(), updated_at = now() where id = ?", order);
                audit(c, "order", order, "CONFIRMED", "PENDING", "CONFIRMED");
                update(c, "insert into loyalty_ledger (customer_id, order_id, points, reason, created_at)"
                        + " values (?, ?, ?, 'ORDER_CONFIRMED', now())", customer, order, points);
                return null;
            });
        }

        void ship(long order, long[] products, int[] quantities) throws SQLException {
            tx(c -> {
                for (int n = 0; n < products.length; n++) {
                    update(c, "update products set stock_on_hand = stock_on_hand - ?, stock_reserved = stock_reserved - ?"
                            + " where id = ?", quantities[n], quantities[n], products[n]);
                    movement(c, products[n], order, "SHIPPED", -quantities[n], null);
                }
                update(c, "update orders set status = 'SHIPPED', shipped_at = now(), updated_at = now() where id = ?", order);
                audit(c, "order", order, "SHIPPED", "CONFIRMED", "SHIPPED");
                return null;
            });
        }

        void cancel(long order, String from, long[] products, int[] quantities) throws SQLException {
            tx(c -> {
                for (int n = 0; n < products.length; n++) {
                    update(c, "update products set stock_reserved = stock_reserved - ? where id = ?", quantities[n], products[n]);
                    movement(c, products[n], order, "RELEASED", -quantities[n], null);
                }
                update(c, "update orders set status = 'CANCELLED', cancelled_at = now(), updated_at = now() where id = ?", order);
                audit(c, "order", order, "CANCELLED", from, "CANCELLED");
                return null;
            });
        }

        void adjustStock(long product, int delta, String reason) throws SQLException {
            tx(c -> {
                update(c, "update products set stock_on_hand = stock_on_hand + ? where id = ?", delta, product);
                movement(c, product, null, "ADJUSTED", delta, reason);
                return null;
            });
        }

        void sql(String statement) throws SQLException {
            tx(c -> update(c, statement));
        }

        private static void movement(Connection c, long product, Long order, String kind, int quantity, String reason)
                throws SQLException {
            update(c, "insert into stock_movements (product_id, order_id, kind, quantity, reason, at) values (?, ?, ?, ?, ?, now())",
                    product, order, kind, quantity, reason);
        }

        private static void audit(Connection c, String entity, long id, String action, String from, String to) throws SQLException {
            update(c, "insert into audit_log (entity, entity_id, action, from_status, to_status, at) values (?, ?, ?, ?, ?, now())",
                    entity, id, action, from, to);
        }

        private interface Work<T> {
            T run(Connection c) throws SQLException;
        }

        private static <T> T tx(Work<T> work) throws SQLException {
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                T result = work.run(c);
                c.commit();
                return result;
            }
        }

        private static long insert(Connection c, String sql, Object... params) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql + " returning id")) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        private static int update(Connection c, String sql, Object... params) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                return ps.executeUpdate();
            }
        }

        private static void bind(PreparedStatement ps, Object... params) throws SQLException {
            for (int n = 0; n < params.length; n++) {
                ps.setObject(n + 1, params[n]);
            }
        }
    }
}
