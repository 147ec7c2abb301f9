package io.cutover.sample.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cutover.consumers.ConsumerRuntime;
import io.cutover.consumers.DeadLetter;
import io.cutover.consumers.compare.EffectComparator;
import io.cutover.consumers.compare.FlowRules;
import io.cutover.consumers.compare.Outcome;
import io.cutover.flags.Decision;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class StockReservationIT {
    private static final String FLOW = StockReservation.FLOW;
    private static ShopFixture shop;
    private static FlowRules rules;
    private long notebook;
    private long pen;
    private long order;

    @BeforeAll
    static void schema(Database database) {
        shop = new ShopFixture(database);
        rules = ShopFixture.legacyComparatorRules().rulesFor(FLOW);
    }

    @BeforeEach
    void anOrderOfTwoLines() {
        shop.reset();
        long customer = shop.customer("Ada Lovelace", "ada@shop.test", "12 Analytical Lane, London");
        notebook = shop.product("NB-1", "Notebook", "12.49", 10);
        pen = shop.product("PEN-2", "Fountain pen", "15.00", 5);
        order = shop.order(customer, ShopFixture.lines(notebook, 2, pen, 3));
    }

    private static ConsumerRuntime start() {
        return shop.start(SampleConsumers.of(shop.dataSource, SampleConsumersConfig.custom().smtp("127.0.0.1", 1)
                .warehouse("http://127.0.0.1:1").build()).stockReservation());
    }

    private String key(String kind) {
        return order + ":" + kind;
    }

    /** {@code on_hand/reserved} of the notebook and the pen. */
    private List<String> counters() {
        return shop.strings("select sku || ' ' || stock_on_hand || '/' || stock_reserved from products order by id");
    }

    private List<String> movements() {
        return shop.strings("select m.kind || ' ' || p.sku || ' ' || m.quantity || ' ' || m.order_id"
                + " from stock_movements m join products p on p.id = m.product_id order by m.id");
    }

    @Test
    void confirmReservesAndCancelOfTheConfirmedOrderReleasesEachExactlyOnce() {
        shop.stamp(FLOW, key("RESERVED"), Decision.NEW);
        shop.stamp(FLOW, key("RELEASED"), Decision.NEW);
        shop.append(shop.confirm(order));

        try (ConsumerRuntime runtime = start()) {
            shop.awaitDone(FLOW, 1);
            assertThat(counters()).containsExactly("NB-1 10/2", "PEN-2 5/3");
            // the movement carries the confirm's time, as the legacy row written in the confirm transaction does
            assertThat(shop.count("select count(*) from stock_movements m join orders o on o.id = m.order_id"
                    + " where m.at = o.confirmed_at and m.reason is null")).isEqualTo(2);

            shop.append(shop.cancel(order));
            shop.awaitDone(FLOW, 2);
            shop.awaitRedelivered(runtime, FLOW, 2);
        }
        assertThat(counters()).containsExactly("NB-1 10/0", "PEN-2 5/0");
        assertThat(movements()).containsExactly("RESERVED NB-1 2 " + order, "RESERVED PEN-2 3 " + order,
                "RELEASED NB-1 -2 " + order, "RELEASED PEN-2 -3 " + order);
    }

    @Test
    void shipTakesTheReservedStockOffTheShelf() {
        shop.stamp(FLOW, key("RESERVED"), Decision.NEW);
        shop.stamp(FLOW, key("SHIPPED"), Decision.NEW);
        shop.append(shop.confirm(order), shop.ship(order));

        try (ConsumerRuntime runtime = start()) {
            shop.awaitDone(FLOW, 2);
            shop.awaitRedelivered(runtime, FLOW, 2);
        }
        assertThat(counters()).containsExactly("NB-1 8/0", "PEN-2 2/0");
        assertThat(movements()).containsExactly("RESERVED NB-1 2 " + order, "RESERVED PEN-2 3 " + order,
                "SHIPPED NB-1 -2 " + order, "SHIPPED PEN-2 -3 " + order);
    }

    @Test
    void cancellingAPendingOrderFiresNothingAsInTheLegacyCode() {
        shop.append(shop.cancel(order));

        try (ConsumerRuntime runtime = start()) {
            shop.awaitDone(FLOW, 1);
        }
        assertThat(shop.strings("select outcome from cutover.consumer_processed")).containsExactly("NOT_FIRED");
        assertThat(movements()).isEmpty();
    }

    @Test
    void aShadowRunOfEachFiringRecordsTheLegacyDescriptorAndMovesNoStock() {
        for (String kind : List.of("RESERVED", "SHIPPED")) {
            shop.stamp(FLOW, key(kind), Decision.SHADOW);
        }
        long cancelled = shop.order(shop.customer("Bob", "bob@shop.test", "1 Main St"), Map.of(pen, 1));
        shop.stamp(FLOW, cancelled + ":RESERVED", Decision.SHADOW);
        shop.stamp(FLOW, cancelled + ":RELEASED", Decision.SHADOW);
        shop.append(shop.confirm(order), shop.ship(order), shop.confirm(cancelled), shop.cancel(cancelled));

        try (ConsumerRuntime runtime = start()) {
            shop.awaitDone(FLOW, 4);
            shop.awaitRedelivered(runtime, FLOW, 4);
        }
        assertThat(counters()).containsExactly("NB-1 10/0", "PEN-2 5/0");
        assertThat(movements()).isEmpty();
        assertThat(shop.count("select count(*) from cutover.shadow_effect")).isEqualTo(4);
        // the legacy journal: {orderId, kind, lines: [{productId, quantity}]}, quantities unsigned, in line order
        String lines = "[{\"productId\":" + notebook + ",\"quantity\":2},{\"productId\":" + pen + ",\"quantity\":3}]";
        for (String kind : List.of("RESERVED", "SHIPPED")) {
            String legacy = "{\"orderId\":" + order + ",\"kind\":\"" + kind + "\",\"lines\":" + lines + "}";
            assertThat(shop.shadowEffect(FLOW, key(kind))).isEqualTo(shop.legacyDescriptor(legacy));
            assertThat(EffectComparator.compare(shop.legacyDescriptor(legacy), shop.shadowEffect(FLOW, key(kind)), rules)
                    .outcome()).isEqualTo(Outcome.MATCH);
        }
        assertThat(shop.shadowEffect(FLOW, cancelled + ":RELEASED")).isEqualTo(shop.legacyDescriptor("{\"orderId\":"
                + cancelled + ",\"kind\":\"RELEASED\",\"lines\":[{\"productId\":" + pen + ",\"quantity\":1}]}"));
    }

    @Test
    void notEnoughStockForAConfirmedOrderIsADeadLetterAndTheOrdersLaterStockEventsWait() {
        shop.update("update products set stock_on_hand = 2 where id = " + pen); // 3 pens ordered
        shop.stamp(FLOW, key("RESERVED"), Decision.NEW);
        shop.stamp(FLOW, key("SHIPPED"), Decision.NEW);
        shop.append(shop.confirm(order), shop.ship(order));

        try (ConsumerRuntime runtime = start()) {
            await("the reservation dead-lettered").atMost(ShopFixture.PATIENCE)
                    .until(() -> runtime.deadLetters(FLOW).size() == 1);
            DeadLetter dead = runtime.deadLetters(FLOW).get(0);
            assertThat(dead.error()).contains("cannot reserve 3 for order " + order, "PEN-2: 2 available");
            await("the ship parked behind it").atMost(ShopFixture.PATIENCE)
                    .until(() -> shop.count("select count(*) from cutover.consumer_parked") == 1);
        }
        // the notebook line's reservation rolled back with the failed pen line
        assertThat(counters()).containsExactly("NB-1 10/0", "PEN-2 2/0");
        assertThat(movements()).isEmpty();
    }
}
