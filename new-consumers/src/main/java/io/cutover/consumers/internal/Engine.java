package io.cutover.consumers.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.cutover.bridge.EventLog;
import io.cutover.consumers.ConsumerException;
import io.cutover.consumers.ConsumerMetrics;
import io.cutover.consumers.DeadLetter;
import io.cutover.consumers.RuntimeSettings;
import io.cutover.consumers.spi.Consumer;

/** What {@code ConsumerRuntime} delegates to: shared workers, pool and live tail; one {@link Runner} per consumer. */
public final class Engine implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final ConnectionPool pool;
    private final ScheduledThreadPoolExecutor workers;
    private final Map<String, Runner> runners = new LinkedHashMap<>();
    private final Connection ownership;
    private EventLog.Subscription tail;

    /** @param maxAttempts per consumer, where it differs from {@code settings} */
    public Engine(DataSource dataSource, EventLog log, Clock clock, RuntimeSettings settings, List<Consumer> consumers,
                  Map<String, Integer> maxAttempts) {
        if (consumers.isEmpty()) {
            throw new ConsumerException("a consumer runtime needs at least one consumer");
        }
        this.pool = new ConnectionPool(dataSource, settings.workers() + consumers.size() + 2);
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ScheduledThreadPoolExecutor(settings.workers(), r -> {
            Thread t = new Thread(r, "cutover-consumer-worker-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.workers.setRemoveOnCancelPolicy(true);
        Store store = new Store(pool, clock);
        for (Consumer consumer : consumers) {
            if (runners.putIfAbsent(consumer.name(), new Runner(consumer, log, store, pool, clock,
                    ownSettings(settings, maxAttempts.get(consumer.name())), workers)) != null) {
                throw new ConsumerException("two consumers are named " + consumer.name());
            }
        }
        this.ownership = own(dataSource, runners.keySet());
    }

    private static RuntimeSettings ownSettings(RuntimeSettings settings, Integer maxAttempts) {
        return maxAttempts == null ? settings : settings.withMaxAttempts(maxAttempts);
    }

    /**
     * One runtime per consumer at a time: a second one would break per-key order. Session advisory locks, held on a
     * connection of their own: a crashed runtime's locks go with its connection.
     */
    private static Connection own(DataSource dataSource, Iterable<String> names) {
        try {
            Connection c = dataSource.getConnection();
            for (String name : names) {
                try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_lock(hashtext('cutover-consumer'), hashtext(?))")) {
                    lock.setString(1, name);
                    try (ResultSet rs = lock.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            c.close();
                            throw new ConsumerException("consumer " + name + " is already running in another runtime");
                        }
                    }
                }
            }
            return c;
        } catch (SQLException e) {
            throw new ConsumerException("cannot connect the consumer runtime: " + e.getMessage(), e);
        }
    }

    public void start(EventLog log) {
        try {
            runners.values().forEach(Runner::start);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        tail = log.tail(head -> runners.values().forEach(Runner::wake));
    }

    private Runner runner(String consumer) {
        Runner runner = runners.get(consumer);
        if (runner == null) {
            throw new ConsumerException("no consumer named " + consumer + " runs here (running: " + runners.keySet() + ")");
        }
        return runner;
    }

    public CompletableFuture<Boolean> redrive(String consumer, UUID eventId, String actor) {
        return runner(consumer).redrive(eventId, actor);
    }

    public CompletableFuture<Boolean> skip(String consumer, UUID eventId, String reason, String actor) {
        return runner(consumer).skip(eventId, reason, actor);
    }

    public long replayFrom(String consumer, long sequence) {
        return runner(consumer).replayFrom(sequence);
    }

    public long replayFrom(String consumer, Instant at) {
        return runner(consumer).replayFrom(at);
    }

    public List<DeadLetter> deadLetters(String consumer) {
        return runner(consumer).deadLetters();
    }

    public ConsumerMetrics metrics(String consumer) {
        return runner(consumer).metrics();
    }

    public List<String> consumers() {
        return List.copyOf(runners.keySet());
    }

    @Override
    public void close() {
        if (tail != null) {
            tail.close();
        }
        runners.values().forEach(r -> r.stop(STOP_GRACE));
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.close();
        try {
            ownership.close();
        } catch (SQLException e) {
            // the locks end with the session anyway
        }
    }
}
