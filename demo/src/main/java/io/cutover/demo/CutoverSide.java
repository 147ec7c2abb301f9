package io.cutover.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.cutover.bridge.Bridge;
import io.cutover.bridge.BridgeConfig;
import io.cutover.bridge.BridgeSchema;
import io.cutover.bridge.EventCatalog;
import io.cutover.bridge.EventLog;
import io.cutover.consumers.ConsumerRuntime;
import io.cutover.consumers.ConsumerSchema;
import io.cutover.consumers.compare.ComparatorConfig;
import io.cutover.consumers.compare.ComparisonJob;
import io.cutover.consumers.compare.ComparisonMode;
import io.cutover.consumers.compare.ComparisonResults;
import io.cutover.consumers.compare.ComparisonRun;
import io.cutover.consumers.compare.ComparisonSchema;
import io.cutover.consumers.compare.EffectSources;
import io.cutover.consumers.compare.FlowSummary;
import io.cutover.sample.consumers.LoyaltyRounding;
import io.cutover.sample.consumers.SampleConsumers;
import io.cutover.sample.consumers.SampleConsumersConfig;
import io.cutover.testsupport.Teardown;
import io.cutover.testsupport.postgres.Database;

/**
 * Cutover running beside the legacy app, in this JVM: the bridge capturing the legacy tables into the event log,
 * the consumer runtime with the new consumers, and the comparator. Started after the legacy app (its tables must
 * exist), closed in reverse order.
 */
public final class CutoverSide implements AutoCloseable {

    /** Table sources hold back rows younger than this: short, because the demo runs seconds, not days. */
    private static final Duration SETTLE = Duration.ofMillis(500);

    private final Teardown started = new Teardown("the cutover side");
    private final DataSource dataSource;
    private final ComparisonJob comparison;
    private final EventLog log;
    private final Bridge bridge;
    private final ConsumerRuntime runtime;

    private CutoverSide(Database legacy, Path catalog, List<io.cutover.consumers.spi.Consumer> consumers,
                        ComparatorConfig comparatorConfig, Clock clock, Consumer<String> progress) {
        dataSource = legacy.dataSource();
        try {
            BridgeSchema.migrate(dataSource);
            ConsumerSchema.migrate(dataSource);
            ComparisonSchema.migrate(dataSource);
            log = remember(EventLog.postgres(dataSource, clock));
            BridgeConfig config = BridgeConfig.builder().name("shop")
                    .database(legacy.host(), legacy.port(), legacy.name(), legacy.user(), legacy.password())
                    .setReplicaIdentity(true)
                    .build();
            progress.accept("starting the bridge (Debezium, pgoutput) on " + catalog.getFileName() + " ...");
            bridge = remember(Bridge.start(config, EventCatalog.load(catalog), log, clock));
            ConsumerRuntime.Builder runtimeBuilder = ConsumerRuntime.builder(dataSource).log(log).clock(clock);
            consumers.forEach(runtimeBuilder::consumer);
            runtime = remember(runtimeBuilder.start());
            comparison = ComparisonJob.shadow(dataSource, comparatorConfig,
                    EffectSources.journal(dataSource, clock, SETTLE), EffectSources.shadowEffects(dataSource, clock, SETTLE),
                    clock);
            progress.accept("bridge, " + consumers.size() + " consumers and the comparator running");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static CutoverSide start(Database legacy, Path catalog, List<io.cutover.consumers.spi.Consumer> consumers,
                                    ComparatorConfig comparatorConfig, Clock clock, Consumer<String> progress) {
        return new CutoverSide(legacy, catalog, consumers, comparatorConfig, clock, progress);
    }

    /**
     * Cutover for the sample shop: its catalog and comparison rules from {@code cutover.sample.dir} (set by ./cutover
     * and the build), its five consumers talking to the demo's fakes.
     */
    public static CutoverSide startForTheShop(DemoEnvironment env, LoyaltyRounding rounding, Clock clock,
                                              Consumer<String> progress) {
        Path sample = Path.of(DemoEnvironment.Layout.required("cutover.sample.dir"));
        SampleConsumersConfig config = SampleConsumersConfig.custom()
                .smtp(env.smtp.host(), env.smtp.port())
                .warehouse(env.warehouse.url())
                .loyaltyRounding(rounding)
                .build();
        return start(env.legacyDatabase, sample.resolve("catalog.yaml"),
                SampleConsumers.of(env.legacyDatabase.dataSource(), config).all(),
                ComparatorConfig.load(sample.resolve("comparator.yaml")), clock, progress);
    }

    public Bridge bridge() {
        return bridge;
    }

    public ConsumerRuntime runtime() {
        return runtime;
    }

    public EventLog log() {
        return log;
    }

    /** Compares what is new since the last run. */
    public ComparisonRun compare() {
        return comparison.run();
    }

    public List<FlowSummary> summaries(int samplesPerFlow) {
        return ComparisonResults.of(dataSource).summaries(ComparisonMode.SHADOW, samplesPerFlow);
    }

    @Override
    public void close() {
        started.close();
    }

    private <T extends AutoCloseable> T remember(T resource) {
        return started.add(resource);
    }
}
