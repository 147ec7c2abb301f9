package io.cutover.consumers;

import java.io.IOException;
import java.time.Duration;

import org.postgresql.ds.PGSimpleDataSource;

import io.cutover.consumers.spi.Accepts;
import io.cutover.consumers.spi.Consumer;

/**
 * A consumer runtime as a process of its own, for tests that kill it:
 * {@code java ConsumerProcess host port database user} with the password in {@value #PASSWORD_ENV}. Runs the
 * {@link #recorder()} consumer (one ledger row per event, owned by the new path) with four workers, prints
 * {@code READY <pid>}, and stops cleanly when its stdin ends (the parent closed it, or died).
 */
public final class ConsumerProcess {
    public static final String PASSWORD_ENV = "CUTOVER_CONSUMER_DB_PASSWORD";

    private ConsumerProcess() {
    }

    static Consumer recorder() {
        return Consumer.named("recorder")
                .accepts(Accepts.of("OrderConfirmed", 1))
                .fires("recording", event -> event.eventId().toString())
                .handles((event, effects) -> effects.write(Shop.LEDGER,
                        new Shop.PointsAwarded(event.partitionKey(), event.data().get("n").asInt())));
    }

    public static void main(String[] args) throws IOException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {args[0]});
        dataSource.setPortNumbers(new int[] {Integer.parseInt(args[1])});
        dataSource.setDatabaseName(args[2]);
        dataSource.setUser(args[3]);
        dataSource.setPassword(System.getenv(PASSWORD_ENV));
        RuntimeSettings settings = RuntimeSettings.custom().workers(4).batchSize(200)
                .fallbackPoll(Duration.ofMillis(200)).build();
        try (ConsumerRuntime runtime = ConsumerRuntime.builder(dataSource).settings(settings).consumer(recorder()).start()) {
            System.out.println("READY " + ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() != -1) {
                // nothing is expected on stdin; its end means stop
            }
            System.out.println("STOPPED " + runtime.metrics("recorder"));
            System.out.flush();
        }
    }
}
