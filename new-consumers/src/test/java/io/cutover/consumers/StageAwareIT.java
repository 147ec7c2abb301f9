package io.cutover.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cutover.consumers.spi.Accepts;
import io.cutover.consumers.spi.Consumer;
import io.cutover.consumers.spi.OutsidePort;
import io.cutover.flags.Decision;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class StageAwareIT {
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

    private static Consumer loyalty() {
        return Consumer.named("loyalty")
                .accepts(Accepts.of("OrderConfirmed", 1))
                .fires("loyalty-points", event -> event.data().get("order_id").asText())
                .handles((event, effects) -> effects.write(Shop.LEDGER,
                        new Shop.PointsAwarded(event.data().get("order_id").asText(), event.data().get("n").asInt() * 10)));
    }

    @Test
    void actsOnlyOnANewStampRecordsAShadowEffectOnAShadowStampAndDoesNothingOtherwise() {
        shop.stamp("loyalty-points", "o-new", Decision.NEW);
        shop.stamp("loyalty-points", "o-shadow", Decision.SHADOW);
        shop.stamp("loyalty-points", "o-legacy", Decision.LEGACY);
        shop.append(Shop.confirmed("o-new", 1), Shop.confirmed("o-shadow", 2), Shop.confirmed("o-legacy", 3),
                Shop.confirmed("o-unstamped", 4));

        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(2))
                .consumer(loyalty()).start()) {
            await("the four events done").atMost(PATIENCE).until(() -> runtime.metrics("loyalty").processed() == 4);

            assertThat(shop.strings("select order_id || ':' || points from ledger")).containsExactly("o-new:10");
            assertThat(shop.strings("select flow || '/' || occurrence_key || ' ' || effect::text from cutover.shadow_effect"))
                    .containsExactly("loyalty-points/o-shadow {\"points\": 20, \"orderId\": \"o-shadow\"}");
            assertThat(shop.strings("select outcome from cutover.consumer_processed order by sequence"))
                    .containsExactly("NEW", "SHADOW", "LEGACY", "NO_STAMP");
            ConsumerMetrics metrics = runtime.metrics("loyalty");
            assertThat(metrics.performed()).isEqualTo(1);
            assertThat(metrics.shadowRecorded()).isEqualTo(1);
            assertThat(metrics.lagEvents()).isZero();
        }
    }

    @Test
    void aReplayedOrReReadEventHasNoSecondEffect() {
        shop.stamp("loyalty-points", "o1", Decision.NEW);
        shop.append(Shop.confirmed("o1", 1));

        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(2))
                .consumer(loyalty()).start()) {
            await("the event done").atMost(PATIENCE).until(() -> runtime.metrics("loyalty").processed() == 1);
            runtime.replayFrom("loyalty", 1);
            await("the replayed event seen as a duplicate").atMost(PATIENCE)
                    .until(() -> runtime.metrics("loyalty").duplicates() == 1);
        }
        // a checkpoint lost (or restored from an old backup): the whole log is read again
        shop.update("update cutover.consumer_checkpoint set next_sequence = 1");
        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(2))
                .consumer(loyalty()).start()) {
            await("the re-read event seen as a duplicate").atMost(PATIENCE)
                    .until(() -> runtime.metrics("loyalty").duplicates() == 1);
            assertThat(runtime.metrics("loyalty").processed()).isZero();
        }
        assertThat(shop.count("select count(*) from ledger")).isEqualTo(1);
    }

    @Test
    void replayFromATimeStartsAtTheFirstEventAppendedThen() {
        shop.stamp("loyalty-points", "o1", Decision.NEW);
        shop.append(Shop.confirmed("o1", 1));
        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(1))
                .consumer(loyalty()).start()) {
            await("the event done").atMost(PATIENCE).until(() -> runtime.metrics("loyalty").processed() == 1);
            assertThat(runtime.replayFrom("loyalty", java.time.Instant.EPOCH)).isEqualTo(1);
            await("the replayed event seen as a duplicate").atMost(PATIENCE)
                    .until(() -> runtime.metrics("loyalty").duplicates() == 1);
            assertThat(runtime.replayFrom("loyalty", java.time.Instant.now().plusSeconds(3600))).isEqualTo(2);
        }
        assertThat(shop.count("select count(*) from ledger")).isEqualTo(1);
    }

    /** A mail server that answers 250 and records the idempotency key each message carried. */
    private static final class FakeMailer implements OutsidePort<MailSent> {
        final List<String> keys = new CopyOnWriteArrayList<>();
        final AtomicBoolean loseTheFirstAnswer = new AtomicBoolean();

        @Override
        public void call(MailSent mail, String idempotencyKey) {
            keys.add(idempotencyKey);
            if (loseTheFirstAnswer.getAndSet(false)) {
                throw new IllegalStateException("connection reset after DATA: was the mail sent?");
            }
        }

        @Override
        public String name() {
            return "smtp";
        }
    }

    record MailSent(String orderId) {
    }

    private static Consumer mailer(FakeMailer smtp, AtomicBoolean failAfterTheCall) {
        return Consumer.named("mailer")
                .accepts(Accepts.of("OrderConfirmed", 1))
                .fires("confirmation-mail", event -> event.partitionKey())
                .handles((event, effects) -> {
                    effects.call(smtp, new MailSent(event.partitionKey()));
                    if (failAfterTheCall.getAndSet(false)) {
                        throw new IllegalStateException("database hiccup after the mail went out");
                    }
                    effects.write(Shop.LEDGER, new Shop.PointsAwarded(event.partitionKey(), 0));
                });
    }

    @Test
    void aCompletedOutsideCallIsNotRepeatedWhenALaterStepFails() {
        FakeMailer smtp = new FakeMailer();
        shop.stamp("confirmation-mail", "o1", Decision.NEW);
        shop.append(Shop.confirmed("o1", 1));

        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(1))
                .consumer(mailer(smtp, new AtomicBoolean(true))).start()) {
            await("the event done on its second attempt").atMost(PATIENCE)
                    .until(() -> runtime.metrics("mailer").processed() == 1);
            assertThat(runtime.metrics("mailer").retries()).isEqualTo(1);
        }
        assertThat(smtp.keys).hasSize(1).allMatch(key -> key.startsWith("mailer:") && key.endsWith(":0"));
        assertThat(shop.count("select count(*) from ledger")).isEqualTo(1);
        assertThat(shop.strings("select state || ' ' || attempts from cutover.consumer_outbox")).containsExactly("COMPLETED 1");
    }

    @Test
    void aCallWithAnUnknownOutcomeIsRepeatedWithTheSameIdempotencyKeyAndCounted() {
        FakeMailer smtp = new FakeMailer();
        smtp.loseTheFirstAnswer.set(true);
        shop.stamp("confirmation-mail", "o1", Decision.NEW);
        shop.append(Shop.confirmed("o1", 1));

        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(1))
                .consumer(mailer(smtp, new AtomicBoolean())).start()) {
            await("the event done after the resend").atMost(PATIENCE)
                    .until(() -> runtime.metrics("mailer").processed() == 1);
            assertThat(runtime.metrics("mailer").uncertainResends()).isEqualTo(1);
        }
        assertThat(smtp.keys).hasSize(2);
        assertThat(smtp.keys.get(1)).isEqualTo(smtp.keys.get(0));
        assertThat(shop.strings("select state || ' ' || attempts from cutover.consumer_outbox")).containsExactly("COMPLETED 2");
    }

    @Test
    void aShadowRunNeverCallsTheOutsideSystem() {
        FakeMailer smtp = new FakeMailer();
        shop.stamp("confirmation-mail", "o1", Decision.SHADOW);
        shop.append(Shop.confirmed("o1", 1));

        try (ConsumerRuntime runtime = ConsumerRuntime.builder(shop.dataSource).settings(shop.settings(1))
                .consumer(mailer(smtp, new AtomicBoolean())).start()) {
            await("the shadow run recorded").atMost(PATIENCE)
                    .until(() -> runtime.metrics("mailer").shadowRecorded() == 1);
        }
        assertThat(smtp.keys).isEmpty();
        assertThat(shop.count("select count(*) from ledger")).isZero();
        assertThat(shop.count("select count(*) from cutover.consumer_outbox")).isZero();
        // two effects in one run: the descriptor is the list of them, in order
        assertThat(shop.strings("select effect::text from cutover.shadow_effect"))
                .containsExactly("[{\"orderId\": \"o1\"}, {\"points\": 0, \"orderId\": \"o1\"}]");
    }
}
