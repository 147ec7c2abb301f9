package io.cutover.plan.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostStarterTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<CutoverHost> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void triesAgainWhileTheHostCannotStartSayingWhyUntilClosed() throws Exception {
        // the "host" never really starts here: the third attempt fails differently, proving the third attempt ran
        HostStarter starter = new HostStarter(() -> {
            int attempt = attempts.incrementAndGet();
            throw new IllegalStateException(attempt < 3 ? "relation public.orders does not exist" : "attempt " + attempt);
        }, scheduler, Duration.ofMillis(10), started::add);

        starter.start();

        await("a third attempt").atMost(PATIENCE).until(starter::notStartedBecause, reason -> reason.startsWith("attempt"));
        assertThat(starter.host()).isEmpty();
        assertThat(started).isEmpty();
        starter.close();
        int afterClose = attempts.get();
        starter.start();
        scheduler.submit(() -> { }).get(); // the single scheduler thread has run the attempt by now
        assertThat(attempts.get()).as("closed: no more attempts").isEqualTo(afterClose);
        assertThat(starter.notStartedBecause()).isEqualTo("stopped");
    }

    @Test
    void triesOnceWithoutARetryPause() {
        HostStarter starter = new HostStarter(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("database down");
        }, scheduler, Duration.ZERO, started::add);

        starter.start();

        await("the failed attempt").atMost(PATIENCE).until(starter::notStartedBecause, "database down"::equals);
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void reportsStartingBeforeTheFirstAttempt() {
        HostStarter starter = new HostStarter(() -> {
            throw new IllegalStateException("never run");
        }, scheduler, Duration.ZERO, started::add);

        assertThat(starter.notStartedBecause()).isEqualTo("starting");
        assertThat(starter.host()).isEmpty();
    }
}
