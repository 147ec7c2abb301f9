package io.cutover.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cutover.bridge.EventEnvelope;
import io.cutover.consumers.spi.Accepts;
import io.cutover.consumers.spi.Consumer;
import io.cutover.flags.Decision;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class OrderAndCheckpointIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static Shop shop;

    @BeforeAll
    static void schema(Database database) {
        shop = new Shop(database);
    }

    @BeforeEach
    void empty() {
        shop.reset();
    }

    /** Every event is its own firing, owned by the new path; the effect records (key, n) in the order performed. */
    private static Consumer recorder() {
        return ConsumerProcess.recorder();
    }

    private static List<EventEnvelope> interleaved(int keys, int perKey, int from) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int n = from; n < from + perKey; n++) {
            for (int k = 0; k < keys; k++) {
                EventEnvelope e = Shop.confirmed("key-" + k, n);
                shop.stamp("recording", e.eventId().toString(), Decision.NEW);
                events.add(e);
            }
        }
        return events;
    }

    @Test
    void keepsTheOrderOfEachPartitionKeyWhileFourWorkersRunKeysInParallel() {
        List<EventEnvelope> events = interleaved(20, 25, 1);
        shop.log.append(events);

        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(4))
                .consumer(recorder()).start()) {
            await("all 500 events done").atMost(PATIENCE).until(() -> runtime.metrics("recorder").processed() == 500);
            ConsumerMetrics metrics = runtime.metrics("recorder");
            assertThat(metrics.lagEvents()).isZero();
            assertThat(metrics.latencyP99()).isPositive();
        }

        Map<String, List<Integer>> perKey = new LinkedHashMap<>();
        for (String row : shop.strings("select order_id || ' ' || points from ledger order by id")) {
            String[] parts = row.split(" ");
            perKey.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        assertThat(perKey).hasSize(20);
        List<Integer> expected = new ArrayList<>();
        for (int n = 1; n <= 25; n++) {
            expected.add(n);
        }
        perKey.forEach((key, ns) -> assertThat(ns).as("order of " + key).isEqualTo(expected));
        assertThat(shop.count("select count(distinct thread) from ledger")).as("worker threads used").isGreaterThan(1);
    }

    @Test
    void aRestartContinuesFromTheCheckpoint() {
        shop.log.append(interleaved(3, 4, 1));
        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(2))
                .consumer(recorder()).start()) {
            await("the first 12 events done").atMost(PATIENCE).until(() -> runtime.metrics("recorder").processed() == 12);
        }
        assertThat(shop.count("select next_sequence from cutover.consumer_checkpoint where consumer = 'recorder'"))
                .isEqualTo(13);

        shop.log.append(interleaved(3, 4, 5));
        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(2))
                .consumer(recorder()).start()) {
            await("the 12 new events done").atMost(PATIENCE).until(() -> runtime.metrics("recorder").processed() == 12);
            assertThat(runtime.metrics("recorder").duplicates()).as("nothing read twice").isZero();
        }
        assertThat(shop.count("select count(*) from ledger")).isEqualTo(24);
        assertThat(shop.count("select next_sequence from cutover.consumer_checkpoint where consumer = 'recorder'"))
                .isEqualTo(25);
    }

    @Test
    void metricsShowHowFarBehindTheLogHeadAConsumerIsInEventsAndTime() {
        CountDownLatch slowEffect = new CountDownLatch(1);
        Consumer slow = Consumer.named("slow")
                .accepts(Accepts.of("OrderConfirmed", 1))
                .fires("slow-flow", event -> event.partitionKey())
                .handles((event, effects) -> slowEffect.await());
        shop.stamp("slow-flow", "a", Decision.NEW);
        shop.stamp("slow-flow", "b", Decision.NEW);
        shop.log.append(List.of(Shop.confirmed("a", 1), Shop.confirmed("a", 2), Shop.confirmed("b", 1)));
        // the runtime's clock is an hour ahead of the log's: the lag reads as at least an hour
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));

        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).clock(later).settings(shop.settings(2))
                .consumer(slow).start()) {
            await("the three events read").atMost(PATIENCE).until(() -> runtime.metrics("slow").lagEvents() == 3);
            assertThat(runtime.metrics("slow").lag()).isGreaterThanOrEqualTo(Duration.ofHours(1));

            slowEffect.countDown();
            await("caught up").atMost(PATIENCE).until(() -> runtime.metrics("slow").lagEvents() == 0);
            ConsumerMetrics caughtUp = runtime.metrics("slow");
            assertThat(caughtUp.lag()).isZero();
            assertThat(caughtUp.processed()).isEqualTo(3);
            assertThat(caughtUp.latencyP50()).isGreaterThanOrEqualTo(Duration.ofHours(1));
            assertThat(runtime.metrics()).extracting(ConsumerMetrics::consumer).containsExactly("slow");
        }
    }

    @Test
    void aSecondRuntimeForTheSameConsumerIsRefused() {
        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(1))
                .consumer(recorder()).start()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConsumerRuntime.builder(shop.dataSource)
                            .settings(shop.settings(1)).consumer(recorder()).start())
                    .isInstanceOf(ConsumerException.class)
                    .hasMessageContaining("consumer recorder is already running");
        }
    }
}
