package io.cutover.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

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
class DeadLetterIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static Shop shop;

    @BeforeAll
    static void schema(Database database) {
        shop = new Shop(database);
    }

    @BeforeEach
    void empty() {
        shop.reset();
    }

    /** Fails on events carrying {@code poison} until {@code fixed} is flipped: a bug, then its fix deployed. */
    private static Consumer loyalty(AtomicBoolean fixed) {
        return Consumer.named("loyalty")
                .accepts(Accepts.of("OrderConfirmed", 1))
                .fires("loyalty-points", event -> event.partitionKey() + "#" + event.data().get("n").asInt())
                .handles((event, effects) -> {
                    if (event.data().has("poison") && !fixed.get()) {
                        throw new IllegalArgumentException("points for a negative total");
                    }
                    effects.write(Shop.LEDGER, new Shop.PointsAwarded(event.partitionKey(), event.data().get("n").asInt()));
                });
    }

    private static EventEnvelope order(String key, int n, boolean poison) {
        shop.stamp("loyalty-points", key + "#" + n, Decision.NEW);
        return Shop.event("OrderConfirmed", 1, key, poison ? Map.of("n", n, "poison", true) : Map.of("n", n));
    }

    private static List<String> ledger() {
        return shop.strings("select order_id || '#' || points from ledger order by id");
    }

    @Test
    void aPoisonEventIsADeadLetterAfterItsAttemptsParksItsKeyOnlyAndIsRedrivenAfterTheFix() {
        AtomicBoolean fixed = new AtomicBoolean();
        EventEnvelope poison = order("k1", 1, true);
        shop.append(poison, order("k1", 2, false), order("k2", 1, false), order("k1", 3, false), order("k2", 2, false));

        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(4))
                .consumer(loyalty(fixed)).start()) {
            await("k1's later events parked behind the dead letter").atMost(PATIENCE)
                    .until(() -> runtime.metrics("loyalty").parked() == 2);
            await("k2 flowing").atMost(PATIENCE).until(() -> ledger().containsAll(List.of("k2#1", "k2#2")));

            List<DeadLetter> dead = runtime.deadLetters("loyalty");
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.eventId()).isEqualTo(poison.eventId());
                assertThat(d.attempts()).isEqualTo(3);
                assertThat(d.error()).contains("IllegalArgumentException: points for a negative total");
                assertThat(d.event()).isEqualTo(poison);
            });
            assertThat(ledger()).containsExactly("k2#1", "k2#2");
            assertThat(shop.count("select count(*) from cutover.consumer_parked")).isEqualTo(2);
            // exponential backoff with 25% jitter: 100 ms ± 25, then 200 ms ± 50
            assertThat(shop.plannedDelays).hasSize(2);
            assertThat(shop.plannedDelays.get(0)).isBetween(Duration.ofMillis(75), Duration.ofMillis(125));
            assertThat(shop.plannedDelays.get(1)).isBetween(Duration.ofMillis(150), Duration.ofMillis(250));
            assertThat(runtime.metrics("loyalty").retries()).isEqualTo(2);
            assertThat(runtime.metrics("loyalty").deadLetters()).isEqualTo(1);

            // still broken: the redrive fails, everything stays parked
            assertThat(runtime.redrive("loyalty", poison.eventId(), "alice").join()).isFalse();
            assertThat(runtime.deadLetters("loyalty")).singleElement().satisfies(d -> assertThat(d.attempts()).isEqualTo(6));

            fixed.set(true);
            assertThat(runtime.redrive("loyalty", poison.eventId(), "alice").join()).isTrue();
            assertThat(ledger()).containsExactly("k2#1", "k2#2", "k1#1", "k1#2", "k1#3");
            assertThat(runtime.deadLetters("loyalty")).isEmpty();
            assertThat(shop.count("select count(*) from cutover.consumer_parked")).isZero();
            assertThat(shop.strings("select state || ' ' || resolved_by from cutover.consumer_dead_letter"))
                    .containsExactly("REDRIVEN alice");

            // events of k1 arriving after the redrive flow again
            shop.append(order("k1", 4, false));
            await("k1 flowing again").atMost(PATIENCE).until(() -> ledger().contains("k1#4"));
        }
    }

    @Test
    void aParkedSuccessorThatFailsOnReleaseBecomesTheKeysDeadLetterAndTheRestStayParked() {
        Set<Integer> broken = ConcurrentHashMap.newKeySet();
        broken.addAll(List.of(1, 2));
        Consumer picky = Consumer.named("loyalty")
                .accepts(Accepts.of("OrderConfirmed", 1))
                .fires("loyalty-points", event -> event.partitionKey() + "#" + event.data().get("n").asInt())
                .handles((event, effects) -> {
                    int n = event.data().get("n").asInt();
                    if (broken.contains(n)) {
                        throw new IllegalStateException("cannot award points for #" + n);
                    }
                    effects.write(Shop.LEDGER, new Shop.PointsAwarded(event.partitionKey(), n));
                });
        EventEnvelope first = order("k1", 1, false);
        EventEnvelope second = order("k1", 2, false);
        shop.append(first, second, order("k1", 3, false));

        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(2))
                .consumer(picky).start()) {
            await("#2 and #3 parked").atMost(PATIENCE).until(() -> runtime.metrics("loyalty").parked() == 2);

            broken.remove(1);
            assertThat(runtime.redrive("loyalty", first.eventId(), "alice").join()).isTrue();
            assertThat(ledger()).containsExactly("k1#1");
            assertThat(runtime.deadLetters("loyalty")).extracting(DeadLetter::eventId).containsExactly(second.eventId());
            assertThat(shop.count("select count(*) from cutover.consumer_parked")).isEqualTo(1);

            broken.remove(2);
            assertThat(runtime.redrive("loyalty", second.eventId(), "alice").join()).isTrue();
            assertThat(ledger()).containsExactly("k1#1", "k1#2", "k1#3");
            assertThat(runtime.deadLetters("loyalty")).isEmpty();
        }
    }

    @Test
    void aSkippedDeadLetterNeverRunsAndItsParkedSuccessorsDo() {
        EventEnvelope poison = order("k1", 1, true);
        shop.append(poison, order("k1", 2, false));

        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(2))
                .consumer(loyalty(new AtomicBoolean())).start()) {
            await("k1#2 parked").atMost(PATIENCE).until(() -> runtime.metrics("loyalty").parked() == 1);

            assertThat(runtime.skip("loyalty", poison.eventId(), "order was refunded by hand", "bob").join()).isTrue();
            assertThat(ledger()).containsExactly("k1#2");

            runtime.replayFrom("loyalty", 1);
            await("both events seen again as duplicates").atMost(PATIENCE)
                    .until(() -> runtime.metrics("loyalty").duplicates() == 2);
        }
        assertThat(ledger()).containsExactly("k1#2");
        assertThat(shop.strings("select outcome from cutover.consumer_processed order by sequence"))
                .containsExactly("SKIPPED", "NEW");
        assertThat(shop.strings("select state || ' ' || resolved_by || ' ' || resolution from cutover.consumer_dead_letter"))
                .containsExactly("SKIPPED bob order was refunded by hand");
    }

    @Test
    void anUnknownVersionIsADeadLetterAtOnceWithAReasonThatSaysWhatIsAccepted() {
        EventEnvelope v2 = Shop.event("OrderConfirmed", 2, "k1", Map.of("n", 1));
        shop.append(v2, Shop.event("OrderShipped", 1, "k1", Map.of("n", 1)));

        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(1))
                .consumer(loyalty(new AtomicBoolean())).start()) {
            await("the dead letter").atMost(PATIENCE).until(() -> runtime.metrics("loyalty").deadLetters() == 1);
            assertThat(runtime.deadLetters("loyalty")).singleElement().satisfies(d -> {
                assertThat(d.attempts()).isEqualTo(1);
                assertThat(d.error()).contains("OrderConfirmed version 2 is not accepted by consumer loyalty")
                        .contains("accepts OrderConfirmed version [1]");
            });
            assertThat(runtime.metrics("loyalty").retries()).isZero();
            await("the type it does not accept passed by").atMost(PATIENCE)
                    .until(() -> runtime.metrics("loyalty").lagEvents() == 0);
        }
    }

    @Test
    void aConsumersOwnMaxAttemptsBeatsTheRuntimesAndAnUnknownConsumerNameIsRefused() {
        EventEnvelope poison = order("k1", 1, true);
        shop.append(poison);

        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(1))
                .consumer(loyalty(new AtomicBoolean())).maxAttempts("loyalty", 5).start()) {
            await("the dead letter").atMost(PATIENCE).until(() -> runtime.metrics("loyalty").deadLetters() == 1);
            assertThat(runtime.deadLetters("loyalty")).singleElement()
                    .satisfies(d -> assertThat(d.attempts()).as("the consumer's 5, not the runtime's 3").isEqualTo(5));
            assertThat(runtime.metrics("loyalty").retries()).isEqualTo(4);
        }
        assertThatThrownBy(() -> ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(1))
                .consumer(loyalty(new AtomicBoolean())).maxAttempts("loyality", 2).start())
                .isInstanceOf(ConsumerException.class).hasMessageContaining("max-attempts given for loyality")
                .hasMessageContaining("[loyalty]");
        assertThatThrownBy(() -> ConsumerRuntime.builder(shop.dataSource).maxAttempts("loyalty", 0))
                .isInstanceOf(ConsumerException.class).hasMessageContaining("must be >= 1");
    }
}
