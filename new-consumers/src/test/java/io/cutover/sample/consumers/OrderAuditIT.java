package io.cutover.sample.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cutover.consumers.ConsumerRuntime;
import io.cutover.consumers.compare.EffectComparator;
import io.cutover.consumers.compare.FlowRules;
import io.cutover.consumers.compare.Outcome;
import io.cutover.flags.Decision;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class OrderAuditIT {
    private static final String FLOW = OrderAudit.FLOW;
    private static ShopFixture shop;
    private static FlowRules rules;
    private long shipped;
    private long cancelledWhilePending;
    private long cancelledWhenConfirmed;

    @BeforeAll
    static void schema(Database database) {
        shop = new ShopFixture(database);
        rules = ShopFixture.legacyComparatorRules().rulesFor(FLOW);
    }

    @BeforeEach
    void threeOrders() {
        shop.reset();
        long customer = shop.customer("Ada Lovelace", "ada@shop.test", "12 Analytical Lane, London");
        long pen = shop.product("PEN-2", "Fountain pen", "15.00", 5);
        shipped = shop.order(customer, Map.of(pen, 1));
        cancelledWhilePending = shop.order(customer, Map.of(pen, 1));
        cancelledWhenConfirmed = shop.order(customer, Map.of(pen, 1));
    }

    /** Every transition the three orders go through, in commit order. */
    private void lifeCycles(Decision decision) {
        for (String key : List.of(shipped + ":PLACED", shipped + ":CONFIRMED", shipped + ":SHIPPED",
                cancelledWhilePending + ":PLACED", cancelledWhilePending + ":CANCELLED",
                cancelledWhenConfirmed + ":PLACED", cancelledWhenConfirmed + ":CONFIRMED",
                cancelledWhenConfirmed + ":CANCELLED")) {
            shop.stamp(FLOW, key, decision);
        }
        shop.append(shop.placed(shipped), shop.confirm(shipped), shop.ship(shipped),
                shop.placed(cancelledWhilePending), shop.cancel(cancelledWhilePending),
                shop.placed(cancelledWhenConfirmed), shop.confirm(cancelledWhenConfirmed),
                shop.cancel(cancelledWhenConfirmed));
    }

    private static ConsumerRuntime start() {
        return shop.start(SampleConsumers.of(shop.dataSource, SampleConsumersConfig.custom().smtp("127.0.0.1", 1)
                .warehouse("http://127.0.0.1:1").build()).orderAudit());
    }

    @Test
    void aNewStampWritesTheLegacyAuditRowOfEachTransitionExactlyOnce() {
        lifeCycles(Decision.NEW);

        try (ConsumerRuntime runtime = start()) {
            shop.awaitDone(FLOW, 8);
            shop.awaitRedelivered(runtime, FLOW, 8);
        }
        assertThat(shop.strings("select entity || ' ' || entity_id || ' ' || action || ' ' || coalesce(from_status, '-')"
                + " || ' ' || to_status from audit_log order by entity_id, id")).containsExactly(
                "order " + shipped + " PLACED - PENDING",
                "order " + shipped + " CONFIRMED PENDING CONFIRMED",
                "order " + shipped + " SHIPPED CONFIRMED SHIPPED",
                "order " + cancelledWhilePending + " PLACED - PENDING",
                "order " + cancelledWhilePending + " CANCELLED PENDING CANCELLED",
                "order " + cancelledWhenConfirmed + " PLACED - PENDING",
                "order " + cancelledWhenConfirmed + " CONFIRMED PENDING CONFIRMED",
                "order " + cancelledWhenConfirmed + " CANCELLED CONFIRMED CANCELLED");
        // each row at the time of its transition, as the legacy row written in the transition's transaction
        assertThat(shop.count("select count(*) from audit_log a join orders o on o.id = a.entity_id where a.at ="
                + " case a.action when 'PLACED' then o.placed_at when 'CONFIRMED' then o.confirmed_at"
                + " when 'CANCELLED' then o.cancelled_at else o.shipped_at end")).isEqualTo(8);
    }

    @Test
    void aShadowRunRecordsTheLegacyDescriptorsWithoutFromStatusForANewOrder() {
        lifeCycles(Decision.SHADOW);

        try (ConsumerRuntime runtime = start()) {
            shop.awaitDone(FLOW, 8);
        }
        assertThat(shop.count("select count(*) from audit_log")).isZero();
        assertThat(shop.count("select count(*) from cutover.shadow_effect")).isEqualTo(8);
        String placed = "{\"entity\":\"order\",\"entityId\":" + shipped + ",\"action\":\"PLACED\",\"toStatus\":\"PENDING\"}";
        String cancelled = "{\"entity\":\"order\",\"entityId\":" + cancelledWhenConfirmed + ",\"action\":\"CANCELLED\","
                + "\"toStatus\":\"CANCELLED\",\"fromStatus\":\"CONFIRMED\"}";
        String pendingCancelled = "{\"entity\":\"order\",\"entityId\":" + cancelledWhilePending
                + ",\"action\":\"CANCELLED\",\"toStatus\":\"CANCELLED\",\"fromStatus\":\"PENDING\"}";
        assertThat(shop.shadowEffect(FLOW, shipped + ":PLACED")).isEqualTo(shop.legacyDescriptor(placed));
        assertThat(shop.shadowEffect(FLOW, cancelledWhenConfirmed + ":CANCELLED")).isEqualTo(shop.legacyDescriptor(cancelled));
        assertThat(shop.shadowEffect(FLOW, cancelledWhilePending + ":CANCELLED"))
                .isEqualTo(shop.legacyDescriptor(pendingCancelled));
        assertThat(EffectComparator.compare(shop.legacyDescriptor(placed), shop.shadowEffect(FLOW, shipped + ":PLACED"),
                rules).outcome()).isEqualTo(Outcome.MATCH);
    }
}
