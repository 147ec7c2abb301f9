package io.cutover.sample.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cutover.consumers.ConsumerRuntime;
import io.cutover.consumers.compare.Comparison;
import io.cutover.consumers.compare.EffectComparator;
import io.cutover.consumers.compare.FlowRules;
import io.cutover.consumers.compare.Outcome;
import io.cutover.flags.Decision;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class LoyaltyPointsIT {
    private static ShopFixture shop;
    private static FlowRules rules;
    private long customer;
    private long order;

    @BeforeAll
    static void schema(Database database) {
        shop = new ShopFixture(database);
        rules = ShopFixture.legacyComparatorRules().rulesFor(LoyaltyPoints.FLOW);
    }

    @BeforeEach
    void anOrderWorth54_98() {
        shop.reset();
        customer = shop.customer("Ada Lovelace", "ada@shop.test", "12 Analytical Lane, London");
        long notebook = shop.product("NB-1", "Notebook", "12.49", 10);
        long pen = shop.product("PEN-2", "Fountain pen", "15.00", 5);
        order = shop.order(customer, ShopFixture.lines(notebook, 2, pen, 2)); // 24.98 + 30.00
    }

    private static SampleConsumers consumers(LoyaltyRounding rounding) {
        // this flow calls no outside system; the addresses are never used
        return SampleConsumers.of(shop.dataSource, SampleConsumersConfig.custom().smtp("127.0.0.1", 1)
                .warehouse("http://127.0.0.1:1").loyaltyRounding(rounding).build());
    }

    /** What the legacy OrderService journals for this firing: {customerId, orderId, points}. */
    private String legacyDescriptor(int points) {
        return "{\"customerId\":" + customer + ",\"orderId\":" + order + ",\"points\":" + points + "}";
    }

    @Test
    void aNewStampWritesTheLegacyLedgerRowRoundedDownExactlyOnce() {
        shop.stamp(LoyaltyPoints.FLOW, String.valueOf(order), Decision.NEW);
        shop.append(shop.confirm(order));

        try (ConsumerRuntime runtime = shop.start(consumers(LoyaltyRounding.DOWN).loyaltyPoints())) {
            shop.awaitDone(LoyaltyPoints.FLOW, 1);
            shop.awaitRedelivered(runtime, LoyaltyPoints.FLOW, 1);
        }
        assertThat(shop.strings("select customer_id || ':' || order_id || ':' || points || ':' || reason"
                + " from loyalty_ledger")).containsExactly(customer + ":" + order + ":54:ORDER_CONFIRMED");
        // the row carries the confirm's time, as the legacy row written in the confirm transaction does
        assertThat(shop.count("select count(*) from loyalty_ledger l join orders o on o.id = l.order_id"
                + " where l.created_at = o.confirmed_at")).isEqualTo(1);
        assertThat(shop.count("select count(*) from cutover.shadow_effect")).isZero();
    }

    @Test
    void aShadowStampWritesNothingAndRecordsTheLegacyDescriptorWhichTheComparatorMatches() {
        shop.stamp(LoyaltyPoints.FLOW, String.valueOf(order), Decision.SHADOW);
        shop.append(shop.confirm(order));

        try (ConsumerRuntime runtime = shop.start(consumers(LoyaltyRounding.DOWN).loyaltyPoints())) {
            shop.awaitDone(LoyaltyPoints.FLOW, 1);
            shop.awaitRedelivered(runtime, LoyaltyPoints.FLOW, 1);
        }
        assertThat(shop.count("select count(*) from loyalty_ledger")).isZero();
        assertThat(shop.count("select count(*) from cutover.shadow_effect")).isEqualTo(1);
        assertThat(shop.shadowEffect(LoyaltyPoints.FLOW, String.valueOf(order)))
                .isEqualTo(shop.legacyDescriptor(legacyDescriptor(54)));
        assertThat(EffectComparator.compare(shop.legacyDescriptor(legacyDescriptor(54)),
                shop.shadowEffect(LoyaltyPoints.FLOW, String.valueOf(order)), rules).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void roundingHalfUpIsTheDeliberateDifferenceAndTheComparatorShowsItsFieldDiff() {
        shop.stamp(LoyaltyPoints.FLOW, String.valueOf(order), Decision.SHADOW);
        shop.append(shop.confirm(order));

        try (ConsumerRuntime runtime = shop.start(consumers(LoyaltyRounding.HALF_UP).loyaltyPoints())) {
            shop.awaitDone(LoyaltyPoints.FLOW, 1);
        }
        Comparison comparison = EffectComparator.compare(shop.legacyDescriptor(legacyDescriptor(54)),
                shop.shadowEffect(LoyaltyPoints.FLOW, String.valueOf(order)), rules);
        assertThat(comparison.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(comparison.diff()).isEqualTo(
                ShopFixture.json("[{\"op\":\"replace\",\"path\":\"/points\",\"fromValue\":54,\"value\":55}]"));
    }

    @Test
    void roundingHalfUpOnTheNewPathAwardsDifferentPoints() {
        shop.stamp(LoyaltyPoints.FLOW, String.valueOf(order), Decision.NEW);
        shop.append(shop.confirm(order));

        try (ConsumerRuntime runtime = shop.start(consumers(LoyaltyRounding.HALF_UP).loyaltyPoints())) {
            shop.awaitDone(LoyaltyPoints.FLOW, 1);
        }
        assertThat(shop.strings("select points from loyalty_ledger")).containsExactly("55");
    }

    @Test
    void anOrderWorthLessThanOnePointWritesNoRowButIsStillDescribedAsTheLegacyJournalDoes() {
        long sticker = shop.product("ST-3", "Sticker", "0.99", 10);
        long actedOn = shop.order(customer, Map.of(sticker, 1));
        long shadowed = shop.order(customer, Map.of(sticker, 1));
        shop.stamp(LoyaltyPoints.FLOW, String.valueOf(actedOn), Decision.NEW);
        shop.stamp(LoyaltyPoints.FLOW, String.valueOf(shadowed), Decision.SHADOW);
        shop.append(shop.confirm(actedOn), shop.confirm(shadowed));

        try (ConsumerRuntime runtime = shop.start(consumers(LoyaltyRounding.DOWN).loyaltyPoints())) {
            shop.awaitDone(LoyaltyPoints.FLOW, 2);
        }
        assertThat(shop.count("select count(*) from loyalty_ledger")).isZero();
        // the legacy path journals {points: 0} although LoyaltyPoints.awardFor writes no row
        assertThat(shop.shadowEffect(LoyaltyPoints.FLOW, String.valueOf(shadowed))).isEqualTo(shop.legacyDescriptor(
                "{\"customerId\":" + customer + ",\"orderId\":" + shadowed + ",\"points\":0}"));
    }

    @Test
    void aLegacyStampOrNoStampDoesNothing() {
        long other = shop.order(customer, Map.of(shop.product("ST-4", "Stamp", "2.00", 3), 1));
        shop.stamp(LoyaltyPoints.FLOW, String.valueOf(order), Decision.LEGACY);
        shop.append(shop.confirm(order), shop.confirm(other));

        try (ConsumerRuntime runtime = shop.start(consumers(LoyaltyRounding.DOWN).loyaltyPoints())) {
            shop.awaitDone(LoyaltyPoints.FLOW, 2);
        }
        assertThat(shop.strings("select outcome from cutover.consumer_processed order by sequence"))
                .containsExactly("LEGACY", "NO_STAMP");
        assertThat(shop.count("select count(*) from loyalty_ledger") + shop.count("select count(*) from cutover.shadow_effect"))
                .isZero();
    }
}
