package io.cutover.sample.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cutover.consumers.ConsumerRuntime;
import io.cutover.consumers.compare.EffectComparator;
import io.cutover.consumers.compare.FlowRules;
import io.cutover.consumers.compare.Outcome;
import io.cutover.flags.Decision;
import io.cutover.testsupport.fakes.FakeWarehouse;
import io.cutover.testsupport.fakes.ReceivedRequest;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class WarehouseNotificationIT {
    private static final String FLOW = WarehouseNotification.FLOW;
    private static ShopFixture shop;
    private static FlowRules rules;
    private static FakeWarehouse warehouse;
    private long customer;
    private long notebook;
    private long pen;
    private long order;

    @BeforeAll
    static void schema(Database database) {
        shop = new ShopFixture(database);
        rules = ShopFixture.legacyComparatorRules().rulesFor(FLOW);
        warehouse = FakeWarehouse.start();
    }

    @AfterAll
    static void stopWarehouse() {
        warehouse.close();
    }

    @BeforeEach
    void aConfirmedOrder() {
        shop.reset();
        warehouse.reset();
        customer = shop.customer("Ada Lovelace", "ada@shop.test", "12 Analytical Lane, London");
        notebook = shop.product("NB-1", "Notebook", "12.49", 10);
        pen = shop.product("PEN-2", "Fountain pen", "15.00", 5);
        order = shop.order(customer, ShopFixture.lines(notebook, 2, pen, 3));
        shop.confirm(order);
    }

    private static ConsumerRuntime start() {
        return shop.start(SampleConsumers.of(shop.dataSource, SampleConsumersConfig.custom().smtp("127.0.0.1", 1)
                .warehouse(warehouse.url() + "/").build()).warehouseNotification());
    }

    /** The legacy WarehouseNotifier's JSON-B body and journal entry, byte for byte (properties in lexicographic order). */
    private String legacyShipment() {
        return "{\"lines\":[{\"productId\":" + notebook + ",\"quantity\":2,\"sku\":\"NB-1\"},{\"productId\":" + pen
                + ",\"quantity\":3,\"sku\":\"PEN-2\"}],\"orderId\":" + order + ",\"shipTo\":{\"address\":"
                + "\"12 Analytical Lane, London\",\"customerId\":" + customer + ",\"email\":\"ada@shop.test\","
                + "\"name\":\"Ada Lovelace\"}}";
    }

    @Test
    void aNewStampPostsTheLegacyShipmentOnceWithAnIdempotencyKey() {
        shop.stamp(FLOW, String.valueOf(order), Decision.NEW);
        shop.append(shop.ship(order));

        try (ConsumerRuntime runtime = start()) {
            shop.awaitDone(FLOW, 1);
            shop.awaitRedelivered(runtime, FLOW, 1);
        }
        assertThat(warehouse.received()).hasSize(1);
        ReceivedRequest request = warehouse.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/shipments");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo(legacyShipment());
        assertThat(request.header(WarehouseNotification.IDEMPOTENCY_HEADER))
                .isEqualTo(shop.string("select idempotency_key from cutover.consumer_outbox"));
    }

    @Test
    void aFailingWarehouseIsRetriedThenDeadLetteredAndARedriveCallsItAgainWithTheSameIdempotencyKey() {
        warehouse.respondWith(503);
        shop.stamp(FLOW, String.valueOf(order), Decision.NEW);
        shop.append(shop.ship(order));

        try (ConsumerRuntime runtime = start()) {
            await("the shipment dead-lettered after its attempts").atMost(ShopFixture.PATIENCE)
                    .until(() -> runtime.deadLetters(FLOW).size() == 1);
            assertThat(runtime.deadLetters(FLOW).get(0).error()).contains("warehouse answered 503");
            warehouse.respondWith(202);
            assertThat(runtime.redrive(FLOW, runtime.deadLetters(FLOW).get(0).eventId(), "operator").join()).isTrue();
            shop.awaitDone(FLOW, 1);
        }
        // 3 refused attempts and the accepted one: the same call each time, so the warehouse can tell the repeats
        assertThat(warehouse.received()).hasSize(4)
                .extracting(r -> r.header(WarehouseNotification.IDEMPOTENCY_HEADER))
                .containsOnly(shop.string("select idempotency_key from cutover.consumer_outbox"));
        assertThat(shop.string("select state from cutover.consumer_outbox")).isEqualTo("COMPLETED");
    }

    @Test
    void aShadowStampCallsNothingAndRecordsTheLegacyShipmentWhichTheComparatorMatches() {
        shop.stamp(FLOW, String.valueOf(order), Decision.SHADOW);
        shop.append(shop.ship(order));

        try (ConsumerRuntime runtime = start()) {
            shop.awaitDone(FLOW, 1);
            shop.awaitRedelivered(runtime, FLOW, 1);
        }
        assertThat(warehouse.received()).isEmpty();
        assertThat(shop.shadowEffect(FLOW, String.valueOf(order))).isEqualTo(shop.legacyDescriptor(legacyShipment()));
        assertThat(EffectComparator.compare(shop.legacyDescriptor(legacyShipment()),
                shop.shadowEffect(FLOW, String.valueOf(order)), rules).outcome()).isEqualTo(Outcome.MATCH);
    }
}
