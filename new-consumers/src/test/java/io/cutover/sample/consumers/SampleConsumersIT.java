package io.cutover.sample.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cutover.consumers.ConsumerRuntime;
import io.cutover.consumers.compare.ComparisonJob;
import io.cutover.consumers.compare.ComparisonRun;
import io.cutover.consumers.compare.ComparisonSchema;
import io.cutover.consumers.compare.EffectSources;
import io.cutover.consumers.compare.Outcome;
import io.cutover.consumers.spi.Consumer;
import io.cutover.flags.Decision;
import io.cutover.testsupport.fakes.FakeSmtpServer;
import io.cutover.testsupport.fakes.FakeWarehouse;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

/**
 * All five consumers in one runtime over two orders' whole lives (one shipped, one cancelled after its confirm): in
 * SHADOW every firing's descriptor pairs with what the legacy path journals and the sample's comparator rules match
 * them all; with the deliberate rounding difference exactly the loyalty firings mismatch; under NEW each effect is
 * performed once.
 */
@WithPostgres
class SampleConsumersIT {
    private static ShopFixture shop;
    private static FakeSmtpServer smtp;
    private static FakeWarehouse warehouse;
    private long ada;
    private long notebook;
    private long pen;
    private long shipped;
    private long cancelled;

    @BeforeAll
    static void schema(Database database) {
        shop = new ShopFixture(database);
        ComparisonSchema.migrate(shop.dataSource);
        smtp = FakeSmtpServer.start();
        warehouse = FakeWarehouse.start();
    }

    @AfterAll
    static void stopFakes() {
        smtp.close();
        warehouse.close();
    }

    @BeforeEach
    void twoOrders() {
        shop.reset();
        shop.update("truncate cutover.effect_journal, cutover.comparison_pending, cutover.comparison_result,"
                + " cutover.comparison_checkpoint");
        smtp.reset();
        warehouse.reset();
        ada = shop.customer("Ada Lovelace", "ada@shop.test", "12 Analytical Lane, London");
        notebook = shop.product("NB-1", "Notebook", "12.49", 10);
        pen = shop.product("PEN-2", "Fountain pen", "15.00", 5);
        shipped = shop.order(ada, ShopFixture.lines(notebook, 2, pen, 2)); // 54.98
        cancelled = shop.order(ada, ShopFixture.lines(notebook, 1, pen, 1)); // 27.49
    }

    private SampleConsumers consumers(LoyaltyRounding rounding) {
        return SampleConsumers.of(shop.dataSource, SampleConsumersConfig.custom().smtp(smtp.host(), smtp.port())
                .warehouse(warehouse.url()).loyaltyRounding(rounding).build());
    }

    private static ConsumerRuntime start(SampleConsumers consumers) {
        ConsumerRuntime.Builder builder = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings());
        consumers.all().forEach(builder::consumer);
        return builder.start();
    }

    /**
     * Each firing of both lives and the descriptor the legacy OrderService journals for it (JSON-B's output), in
     * commit order: placed, confirmed (stock, audit, points, mail), then shipped (stock, audit, warehouse) or cancelled
     * (stock, audit).
     */
    private Map<String, String> legacyFirings() {
        Map<String, String> f = new LinkedHashMap<>();
        for (long o : List.of(shipped, cancelled)) {
            f.put("order-audit/" + o + ":PLACED", audit(o, "PLACED", null, "PENDING"));
            f.put("stock-reservation/" + o + ":RESERVED", stock(o, "RESERVED"));
            f.put("order-audit/" + o + ":CONFIRMED", audit(o, "CONFIRMED", "PENDING", "CONFIRMED"));
            f.put("loyalty-points/" + o, "{\"customerId\":" + ada + ",\"orderId\":" + o + ",\"points\":"
                    + (o == shipped ? 54 : 27) + "}");
            f.put("confirmation-mail/" + o, "{\"sent\":true,\"subject\":\"Order " + o + " confirmed\","
                    + "\"to\":\"ada@shop.test\"}");
        }
        f.put("stock-reservation/" + shipped + ":SHIPPED", stock(shipped, "SHIPPED"));
        f.put("order-audit/" + shipped + ":SHIPPED", audit(shipped, "SHIPPED", "CONFIRMED", "SHIPPED"));
        f.put("warehouse-notification/" + shipped, "{\"lines\":[{\"productId\":" + notebook + ",\"quantity\":2,"
                + "\"sku\":\"NB-1\"},{\"productId\":" + pen + ",\"quantity\":2,\"sku\":\"PEN-2\"}],\"orderId\":"
                + shipped + ",\"shipTo\":{\"address\":\"12 Analytical Lane, London\",\"customerId\":" + ada
                + ",\"email\":\"ada@shop.test\",\"name\":\"Ada Lovelace\"}}");
        f.put("stock-reservation/" + cancelled + ":RELEASED", stock(cancelled, "RELEASED"));
        f.put("order-audit/" + cancelled + ":CANCELLED", audit(cancelled, "CANCELLED", "CONFIRMED", "CANCELLED"));
        return f;
    }

    private static String audit(long order, String action, String from, String to) {
        return "{\"action\":\"" + action + "\",\"entity\":\"order\",\"entityId\":" + order
                + (from == null ? "" : ",\"fromStatus\":\"" + from + "\"") + ",\"toStatus\":\"" + to + "\"}";
    }

    private String stock(long order, String kind) {
        int q = order == shipped ? 2 : 1;
        return "{\"kind\":\"" + kind + "\",\"lines\":[{\"productId\":" + notebook + ",\"quantity\":" + q
                + "},{\"productId\":" + pen + ",\"quantity\":" + q + "}],\"orderId\":" + order + "}";
    }

    /** Stamps every firing; under SHADOW also journals the legacy effect, as the shim does in the legacy transaction. */
    private void legacyTransactions(Decision decision) {
        legacyFirings().forEach((firing, descriptor) -> {
            String flow = firing.substring(0, firing.indexOf('/'));
            String key = firing.substring(firing.indexOf('/') + 1);
            shop.stamp(flow, key, decision);
            if (decision == Decision.SHADOW) {
                shop.update("insert into cutover.effect_journal (flow, occurrence_key, effect, recorded_at) values ('"
                        + flow + "', '" + key + "', '" + descriptor + "'::jsonb, now())");
            }
        });
        shop.append(shop.placed(shipped), shop.placed(cancelled), shop.confirm(shipped), shop.confirm(cancelled),
                shop.ship(shipped), shop.cancel(cancelled));
    }

    /** Events each consumer sees: 6 order events, of which each accepts its own types. */
    private static void awaitAllDone(SampleConsumers consumers) {
        Map<Consumer, Integer> accepted = Map.of(consumers.orderAudit(), 6, consumers.stockReservation(), 4,
                consumers.loyaltyPoints(), 2, consumers.confirmationMail(), 2, consumers.warehouseNotification(), 1);
        accepted.forEach((consumer, events) -> shop.awaitDone(consumer.name(), events));
    }

    private static ComparisonRun compare() {
        Clock clock = Clock.systemUTC();
        return ComparisonJob.shadow(shop.dataSource, ShopFixture.legacyComparatorRules(),
                EffectSources.journal(shop.dataSource, clock, Duration.ZERO),
                EffectSources.shadowEffects(shop.dataSource, clock, Duration.ZERO), clock).run();
    }

    @Test
    void inShadowEveryFiringOfBothLivesMatchesWhatTheLegacyPathJournaled() {
        legacyTransactions(Decision.SHADOW);
        SampleConsumers consumers = consumers(LoyaltyRounding.DOWN);

        try (ConsumerRuntime runtime = start(consumers)) {
            awaitAllDone(consumers);
        }
        assertThat(shop.count("select count(*) from cutover.shadow_effect")).isEqualTo(15);
        assertThat(compare().concluded(Outcome.MATCH)).isEqualTo(15);
        assertThat(shop.strings("select flow || '/' || occurrence_key || ' ' || outcome from cutover.comparison_result"
                + " where outcome <> 'MATCH'")).isEmpty();
        // nothing real happened on the new path
        assertThat(smtp.received()).isEmpty();
        assertThat(warehouse.received()).isEmpty();
        assertThat(shop.count("select (select count(*) from audit_log) + (select count(*) from loyalty_ledger)"
                + " + (select count(*) from stock_movements)")).isZero();
    }

    @Test
    void withTheDeliberateRoundingDifferenceOnlyTheLoyaltyFiringsMismatchWithTheFieldDiff() {
        legacyTransactions(Decision.SHADOW);
        SampleConsumers consumers = consumers(LoyaltyRounding.HALF_UP);

        try (ConsumerRuntime runtime = start(consumers)) {
            awaitAllDone(consumers);
        }
        ComparisonRun run = compare();
        assertThat(run.concluded(Outcome.MATCH)).isEqualTo(14);
        // 54.98 earns 55 instead of 54; 27.49 still rounds to 27, so that firing matches
        assertThat(shop.strings("select flow || '/' || occurrence_key || ' ' || diff::text from cutover.comparison_result"
                + " where outcome = 'MISMATCH'")).containsExactly("loyalty-points/" + shipped
                + " [{\"op\": \"replace\", \"path\": \"/points\", \"value\": 55, \"fromValue\": 54}]");
    }

    @Test
    void underNewEveryEffectOfBothLivesIsPerformedOnce() {
        legacyTransactions(Decision.NEW);
        SampleConsumers consumers = consumers(LoyaltyRounding.DOWN);

        try (ConsumerRuntime runtime = start(consumers)) {
            awaitAllDone(consumers);
        }
        assertThat(shop.count("select count(*) from audit_log")).isEqualTo(6);
        assertThat(shop.strings("select order_id || ':' || points from loyalty_ledger order by order_id"))
                .containsExactly(shipped + ":54", cancelled + ":27");
        assertThat(shop.strings("select sku || ' ' || stock_on_hand || '/' || stock_reserved from products order by id"))
                .containsExactly("NB-1 8/0", "PEN-2 3/0");
        assertThat(smtp.received()).extracting(m -> m.subject())
                .containsExactlyInAnyOrder("Order " + shipped + " confirmed", "Order " + cancelled + " confirmed");
        assertThat(warehouse.received()).hasSize(1);
        assertThat(shop.count("select count(*) from cutover.shadow_effect")).isZero();
    }
}
