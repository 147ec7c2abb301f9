package io.cutover.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cutover.bridge.EventEnvelope;
import io.cutover.testsupport.ChildJvm;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

/**
 * The runtime in a child JVM, SIGKILLed twice while it works through the log: after the last restart every event's
 * database effect exists exactly once, and each key's effects are in log order.
 */
@WithPostgres
class ConsumerCrashIT {
    private static final int KEYS = 40;
    private static final int PER_KEY = 100;
    private static final int EVENTS = KEYS * PER_KEY;
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final Path LOGS = Path.of("target", "consumer-crash-it");
    private static Shop shop;
    private final List<Process> children = new ArrayList<>();

    @BeforeAll
    static void schema(Database database) throws IOException {
        shop = new Shop(database);
        Files.createDirectories(LOGS);
    }

    @AfterEach
    void noOrphans() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void sigkilledMidBatchTwiceEveryDatabaseEffectEndsUpDoneExactlyOnceAndInOrder() throws Exception {
        shop.reset();
        List<EventEnvelope> events = new ArrayList<>();
        for (int n = 1; n <= PER_KEY; n++) {
            for (int k = 0; k < KEYS; k++) {
                events.add(Shop.confirmed("key-" + k, n));
            }
        }
        shop.log.append(events);
        shop.update("insert into cutover.decision_stamp (flow, occurrence_key, decision, stage, canary_percent, decided_at)"
                + " select 'recording', event_id::text, 'NEW', 'CUTOVER', 0, now() from cutover.event_log");

        List<Long> killedAt = new ArrayList<>();
        for (int incarnation = 1; incarnation <= 2; incarnation++) {
            long before = effects();
            ChildJvm child = start(incarnation);
            long threshold = before + EVENTS / 4;
            await("incarnation " + incarnation + " past " + threshold + " effects").atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(5)).until(() -> child.requireAlive() && effects() >= threshold);
            child.sigkill();
            killedAt.add(effects());
        }
        assertThat(killedAt.get(1)).as("killed mid-stream, not after the end").isLessThan(EVENTS);

        ChildJvm last = start(3);
        await("every event done after the last restart").atMost(PATIENCE)
                .until(() -> last.requireAlive() && shop.count("select count(*) from cutover.consumer_processed") == EVENTS);
        assertThat(last.stop(Duration.ofSeconds(60))).as("exit status of a clean stop").isZero();

        assertThat(effects()).isEqualTo(EVENTS);
        assertThat(shop.count("select count(*) from (select distinct order_id, points from ledger) d")).isEqualTo(EVENTS);
        assertThat(shop.count("select count(*) from (select order_id from ledger group by order_id"
                + " having array_agg(points order by id) <> array_agg(points order by points)) out_of_order")).isZero();
        assertThat(shop.count("select next_sequence from cutover.consumer_checkpoint")).isEqualTo(EVENTS + 1);
        System.out.printf("[consumer-crash-it] %d events, killed after %s effects; last incarnation: %s%n", EVENTS,
                killedAt, last.lines().stream().filter(l -> l.startsWith("STOPPED")).findFirst().orElse("?"));
    }

    private static long effects() {
        return shop.count("select count(*) from ledger");
    }

    private ChildJvm start(int incarnation) throws IOException {
        Database db = shop.database;
        ChildJvm child = ChildJvm.start(ConsumerProcess.class, List.of("-Xmx256m", "-XX:+UseSerialGC"),
                List.of(db.host(), String.valueOf(db.port()), db.name(), db.user()),
                Map.of(ConsumerProcess.PASSWORD_ENV, db.password()), LOGS.resolve("incarnation-" + incarnation + ".log"));
        children.add(child.process());
        await("incarnation " + incarnation + " ready").atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> child.printed("READY"));
        return child;
    }
}
