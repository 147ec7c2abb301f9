package io.cutover.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.cutover.consumers.ConsumerSchema;
import io.cutover.consumers.compare.ComparatorConfig;
import io.cutover.consumers.compare.ComparisonJob;
import io.cutover.consumers.compare.ComparisonSchema;
import io.cutover.consumers.compare.EffectSources;
import io.cutover.consumers.shadow.ShadowEffect;
import io.cutover.consumers.shadow.ShadowEffects;
import io.cutover.flags.Decision;
import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.flags.Stage;
import io.cutover.flags.shim.LegacyShim;
import io.cutover.testsupport.postgres.Database;

/**
 * Shadow evidence made the way production makes it: the legacy shim decides and journals in a legacy transaction, the
 * shadow run records its effect, the comparison job pairs them. Dead letters are rows of the consumer runtime's table.
 */
public final class ShadowRun {
    private static final AtomicLong KEYS = new AtomicLong();
    private final Database database;
    private final DataSource dataSource;

    public ShadowRun(Database database) {
        this.database = database;
        this.dataSource = database.dataSource();
        FlagStoreSchema.migrate(dataSource);
        ConsumerSchema.migrate(dataSource);
        ComparisonSchema.migrate(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The flag store as of {@code now}: its changes are stamped with that instant. */
    public FlagStore flagsAt(Instant now) {
        return FlagStore.jdbc(dataSource, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** Registers {@code flow} and puts it in SHADOW at {@code at}. */
    public void inShadow(String flow, Instant at) {
        flagsAt(at).register(flow, "planned", "ops");
        flagsAt(at).set(flow, Stage.SHADOW, "start comparing", "ops");
    }

    /**
     * Fires {@code flow} at {@code at} until {@code matching + mismatching} firings were decided SHADOW by the shim
     * (in CANARY some go to the new path and leave nothing to compare); each shadow effect follows {@code lag} later.
     */
    public void fire(String flow, Instant at, int matching, int mismatching, Duration lag) throws SQLException {
        try (LegacyShim shim = LegacyShim.start(dataSource, Duration.ofSeconds(1), Clock.fixed(at, ZoneOffset.UTC));
             Connection legacy = database.connect()) {
            legacy.setAutoCommit(false);
            int shadowed = 0;
            while (shadowed < matching + mismatching) {
                String key = "order-" + KEYS.incrementAndGet();
                if (shim.decide(legacy, flow, key) == Decision.SHADOW) {
                    shim.recordLegacyEffect(legacy, flow, key, "{\"points\": 10}");
                    int points = shadowed < matching ? 10 : 11;
                    ShadowEffects.record(legacy, new ShadowEffect(flow, key, flow, UUID.randomUUID(),
                            JsonNodeFactory.instance.objectNode().put("points", points), at.plus(lag)));
                    shadowed++;
                }
                legacy.commit();
            }
        }
    }

    /** Runs the shadow comparison as of {@code now}. */
    public void compare(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        ComparisonJob.shadow(dataSource, ComparatorConfig.ofDefaults(), EffectSources.journal(dataSource, clock, Duration.ZERO),
                EffectSources.shadowEffects(dataSource, clock, Duration.ZERO), clock).run();
    }

    /** A dead letter of {@code consumer} as the runtime writes it, in {@code state} PARKED, REDRIVEN or SKIPPED. */
    public void deadLetter(String consumer, Instant at, String state) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(
                "insert into cutover.consumer_dead_letter (consumer, event_id, sequence, partition_key, event_type,"
                        + " event_version, event, error, attempts, state, dead_at) values (?, ?, ?, ?, 'OrderConfirmed', 1,"
                        + " '{}'::jsonb, 'java.lang.IllegalStateException: warehouse answered 503', 5, ?, ?)")) {
            insert.setString(1, consumer);
            insert.setObject(2, UUID.randomUUID());
            insert.setLong(3, KEYS.incrementAndGet());
            insert.setString(4, "order-" + KEYS.get());
            insert.setString(5, state);
            insert.setTimestamp(6, Timestamp.from(at));
            insert.executeUpdate();
        }
    }
}
