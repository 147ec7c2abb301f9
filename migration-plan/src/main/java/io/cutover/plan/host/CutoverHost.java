package io.cutover.plan.host;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cutover.bridge.Bridge;
import io.cutover.bridge.BridgeException;
import io.cutover.bridge.BridgeSchema;
import io.cutover.bridge.EventCatalog;
import io.cutover.bridge.EventLog;
import io.cutover.bridge.ReplicationSlot;
import io.cutover.bridge.ReplicationSlots;
import io.cutover.consumers.ConsumerMetrics;
import io.cutover.consumers.ConsumerRuntime;
import io.cutover.consumers.ConsumerSchema;
import io.cutover.consumers.DeadLetter;
import io.cutover.consumers.compare.ComparatorConfig;
import io.cutover.consumers.compare.ComparisonJob;
import io.cutover.consumers.compare.ComparisonMode;
import io.cutover.consumers.compare.ComparisonResults;
import io.cutover.consumers.compare.ComparisonRun;
import io.cutover.consumers.compare.ComparisonSchema;
import io.cutover.consumers.compare.EffectSources;
import io.cutover.consumers.compare.FlowSummary;
import io.cutover.consumers.spi.Consumer;
import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.flags.FlowState;
import io.cutover.flags.StageChange;
import io.cutover.plan.AutoRevert;
import io.cutover.plan.FlowPlan;
import io.cutover.plan.GatedStages;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanException;
import io.cutover.plan.StageChanges;
import io.cutover.plan.report.CutoverReport;
import io.cutover.plan.report.ReportedFlow;
import io.cutover.plan.report.Reports;

/**
 * Cutover beside a legacy application, in one process: the bridge capturing the catalog's tables into the event log,
 * the consumer runtime with the application's consumers, and the shadow comparison on a schedule; plus what the admin
 * surfaces read and do (health, flows, consumers, dead letters, replay). Closing stops the comparison, then the runtime,
 * then the bridge.
 *
 * <pre>{@code
 * try (CutoverHost host = CutoverHost.builder(HostSettings.from(config), dataSource)
 *         .consumers(provider.consumers(dataSource, config)).start()) {
 *     host.health().ready();
 *     host.stageChanges().rollback("loyalty-points", Stage.LEGACY, "mismatch spike", "alice");
 * }
 * }</pre>
 */
public final class CutoverHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CutoverHost.class);
    /** How long a redrive or skip call waits for the retried event (and those parked behind it) to go through. */
    public static final Duration OPERATOR_CALL_WAIT = Duration.ofMinutes(2);

    private final HostSettings settings;
    private final DataSource dataSource;
    private final Clock clock;
    private final FlagStore flags;
    private final StageChanges stageChanges;
    private final Optional<AutoRevert> autoRevert;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private EventLog log;
    private Bridge bridge;
    private ConsumerRuntime runtime;
    private ComparisonJob comparison;
    private ScheduledFuture<?> comparing;

    private CutoverHost(Builder b) {
        this.settings = b.settings;
        this.dataSource = b.dataSource;
        this.clock = b.clock;
        migrate(dataSource);
        this.flags = FlagStore.jdbc(dataSource, clock);
        settings.flows().forEach(flow -> flags.register(flow, "named in " + HostSettings.FLOWS.name(), "cutover-host"));
        Optional<Plan> plan = settings.plan();
        plan.ifPresent(p -> p.flows().forEach(flow -> flags.register(flow.id(), "in the plan " + p.file().getFileName(),
                "cutover-host")));
        this.stageChanges = plan.<StageChanges>map(p -> GatedStages.of(dataSource, flags, p, clock))
                .orElseGet(() -> new UngatedStageChanges(flags, clock));
        this.autoRevert = plan.map(p -> AutoRevert.of(dataSource, flags, stageChanges, p));
        this.ownScheduler = b.scheduler == null;
        this.scheduler = ownScheduler ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cutover-host-comparison");
            t.setDaemon(true);
            return t;
        }) : b.scheduler;
    }

    /** The plan's dead-letter policy per hosted consumer: its attempts before the dead letter. */
    private Map<String, Integer> deadLetterAttempts(List<Consumer> consumers) {
        Set<String> hosted = consumers.stream().map(Consumer::name).collect(Collectors.toSet());
        Map<String, FlowPlan> byConsumer = new HashMap<>();
        settings.plan().ifPresent(plan -> plan.flows().stream().filter(flow -> hosted.contains(flow.consumer()))
                .forEach(flow -> {
                    FlowPlan other = byConsumer.putIfAbsent(flow.consumer(), flow);
                    if (other != null && other.deadLetters().maxAttempts() != flow.deadLetters().maxAttempts()) {
                        throw new PlanException(plan.file() + ":" + flow.line() + ": dead-letters: flows " + other.id()
                                + " and " + flow.id() + " share consumer " + flow.consumer()
                                + " but not its max-attempts (" + other.deadLetters().maxAttempts() + " and "
                                + flow.deadLetters().maxAttempts() + ")");
                    }
                }));
        Map<String, Integer> attempts = new HashMap<>();
        byConsumer.forEach((consumer, flow) -> attempts.put(consumer, flow.deadLetters().maxAttempts()));
        return attempts;
    }

    public static Builder builder(HostSettings settings, DataSource dataSource) {
        return new Builder(settings, dataSource);
    }

    /** Creates or upgrades every toolkit table the host uses, in schema {@code cutover}. */
    public static void migrate(DataSource dataSource) {
        FlagStoreSchema.migrate(dataSource);
        BridgeSchema.migrate(dataSource);
        ConsumerSchema.migrate(dataSource);
        ComparisonSchema.migrate(dataSource);
    }

    private void start(List<Consumer> consumers, Optional<Executor> bridgeExecutor) {
        try {
            // the runtime and the log's LISTEN hold session state (advisory locks, notifications) that a container
            // pool would keep alive after close: they connect directly, as the bridge's user
            DataSource direct = settings.bridge().dataSource();
            log = EventLog.postgres(direct, clock);
            EventCatalog catalog = EventCatalog.load(settings.catalog());
            bridge = bridgeExecutor.isPresent()
                    ? Bridge.start(settings.bridge(), catalog, log, clock, bridgeExecutor.get())
                    : Bridge.start(settings.bridge(), catalog, log, clock);
            ConsumerRuntime.Builder runtimeBuilder = ConsumerRuntime.builder(direct).log(log).clock(clock);
            consumers.forEach(runtimeBuilder::consumer);
            deadLetterAttempts(consumers).forEach(runtimeBuilder::maxAttempts);
            runtime = runtimeBuilder.start();
            ComparatorConfig rules = settings.comparator().map(ComparatorConfig::load).orElseGet(ComparatorConfig::ofDefaults);
            comparison = ComparisonJob.shadow(dataSource, rules,
                    EffectSources.journal(dataSource, clock, settings.comparisonSettle()),
                    EffectSources.shadowEffects(dataSource, clock, settings.comparisonSettle()), clock);
            long interval = settings.comparisonInterval().toMillis();
            comparing = scheduler.scheduleWithFixedDelay(this::compareOnSchedule, interval, interval, TimeUnit.MILLISECONDS);
            LOG.info("cutover host started: bridge {}, consumers {}, comparison every {} ms, stage changes {}",
                    settings.bridge().name(), consumers.stream().map(Consumer::name).toList(), interval,
                    gated() ? "gated by " + settings.plan().orElseThrow().file() : "not gated (no plan)");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Compares, then lets AutoRevert judge the new results; a failure must not cancel the schedule (next run retries). */
    private void compareOnSchedule() {
        try {
            compareNow();
        } catch (RuntimeException e) {
            LOG.warn("shadow comparison run failed (the next run retries): {}", e.getMessage(), e);
        }
        try {
            autoRevert.ifPresent(revert -> revert.check().forEach(reverted -> LOG.warn(
                    "auto-revert: flow {} rolled back from {} to {}: {}", reverted.flow(), reverted.from(),
                    reverted.change().to(), reverted.change().reason())));
        } catch (RuntimeException e) {
            LOG.warn("auto-revert check failed (the next run retries): {}", e.getMessage(), e);
        }
    }

    /** Compares what is new since the last run (the schedule does this every interval). */
    public ComparisonRun compareNow() {
        return comparison.run();
    }

    public HostHealth health() {
        Optional<Long> lag;
        try {
            lag = slot().map(ReplicationSlot::lagBytes);
        } catch (BridgeException e) {
            lag = Optional.empty();
        }
        boolean flagsReachable;
        try {
            flags.flows();
            flagsReachable = true;
        } catch (RuntimeException e) {
            flagsReachable = false;
        }
        return new HostHealth(bridge.state(), bridge.failure().map(Throwable::getMessage), lag,
                settings.maxReadySlotLagBytes(), flagsReachable);
    }

    public String slotName() {
        return settings.bridge().slotName();
    }

    /** The bridge's replication slot as PostgreSQL reports it; empty when it does not exist (yet, or any more). */
    public Optional<ReplicationSlot> slot() {
        return new ReplicationSlots(dataSource).find(settings.bridge().slotName());
    }

    /** The shadow-comparison report of the plan's flows with their gates now; without a plan, of every flow. */
    public CutoverReport report() {
        Reports reports = Reports.of(dataSource, clock);
        return settings.plan().map(plan -> reports.build(plan, stageChanges))
                .orElseGet(() -> reports.build(flags.flows().stream()
                        .map(state -> new ReportedFlow(state.flow(), null)).toList(), Map.of()));
    }

    /** Every flow of the flag store, with its gate (when a plan gates changes) and its shadow comparison so far. */
    public List<FlowView> flows() {
        Map<String, FlowSummary> compared = ComparisonResults.of(dataSource).summaries(ComparisonMode.SHADOW, 0)
                .stream().collect(Collectors.toMap(FlowSummary::flow, Function.identity()));
        List<FlowView> views = new ArrayList<>();
        for (FlowState state : flags.flows()) {
            Optional<FlowSummary> summary = Optional.ofNullable(compared.get(state.flow()));
            views.add(new FlowView(state.flow(), state.stage(), state.changedAt(), state.revision(),
                    gated() ? Optional.of(stageChanges.verdict(state.flow())) : Optional.empty(),
                    summary.map(FlowSummary::compared).orElse(0L), summary.map(FlowSummary::matchRate).orElse(0.0)));
        }
        return views;
    }

    /** The flow's shadow match rate so far (no gate evaluated); empty before its first comparison. */
    public OptionalDouble matchRate(String flow) {
        return ComparisonResults.of(dataSource).summary(ComparisonMode.SHADOW, flow, 0).stream()
                .mapToDouble(FlowSummary::matchRate).findFirst();
    }

    /** The flow's audited changes, oldest first; {@code UnknownFlowException} for a flow never registered. */
    public List<StageChange> history(String flow) {
        flags.stage(flow);
        return flags.history(flow);
    }

    /** Stage changes as the plan allows them (or {@link UngatedStageChanges} without a plan). */
    public StageChanges stageChanges() {
        return stageChanges;
    }

    /** Whether a plan's readiness gates guard the stage changes. */
    public boolean gated() {
        return settings.plan().isPresent();
    }

    public List<ConsumerMetrics> consumers() {
        return runtime.metrics();
    }

    public ConsumerMetrics consumer(String consumer) {
        return runtime.metrics(requireConsumer(consumer));
    }

    public List<DeadLetter> deadLetters(String consumer) {
        return runtime.deadLetters(requireConsumer(consumer));
    }

    /** Retries a parked dead letter; true when it (and the events parked behind it) went through. */
    public boolean redrive(String consumer, UUID eventId, String actor) {
        requireParked(consumer, eventId);
        return await(runtime.redrive(consumer, eventId, actor), "redrive of " + eventId);
    }

    /** Gives up on a parked dead letter for good and releases the events parked behind it. */
    public boolean skip(String consumer, UUID eventId, String reason, String actor) {
        requireParked(consumer, eventId);
        return await(runtime.skip(consumer, eventId, reason, actor), "skip of " + eventId);
    }

    /** Re-reads the log from {@code sequence}; done events are passed over. Returns the next sequence read. */
    public long replayFrom(String consumer, long sequence) {
        return runtime.replayFrom(requireConsumer(consumer), sequence);
    }

    /** Re-reads the log from the first event appended at or after {@code at}. */
    public long replayFrom(String consumer, Instant at) {
        return runtime.replayFrom(requireConsumer(consumer), at);
    }

    public Bridge bridge() {
        return bridge;
    }

    public FlagStore flags() {
        return flags;
    }

    private String requireConsumer(String consumer) {
        if (runtime.metrics().stream().noneMatch(m -> m.consumer().equals(consumer))) {
            throw new UnknownConsumerException("no consumer named '" + consumer + "' runs here (running: "
                    + runtime.metrics().stream().map(ConsumerMetrics::consumer).toList() + ")");
        }
        return consumer;
    }

    private void requireParked(String consumer, UUID eventId) {
        if (deadLetters(consumer).stream().noneMatch(d -> d.eventId().equals(eventId))) {
            throw new UnknownConsumerException("consumer '" + consumer + "' holds no parked dead letter " + eventId);
        }
    }

    private static boolean await(CompletableFuture<Boolean> call, String what) {
        try {
            return call.get(OPERATOR_CALL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlanException("interrupted while waiting for the " + what);
        } catch (ExecutionException e) {
            throw new PlanException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PlanException(what + " did not finish within " + OPERATOR_CALL_WAIT.toSeconds()
                    + " s; it goes on in the background");
        }
    }

    /** Stops the comparison, then the consumer runtime, then the bridge (slot and offsets stay for the next start). */
    @Override
    public void close() {
        if (comparing != null) {
            comparing.cancel(false);
        }
        if (ownScheduler) {
            scheduler.shutdownNow();
        }
        closeQuietly(runtime, "consumer runtime");
        closeQuietly(bridge, "bridge");
        closeQuietly(log, "event log");
    }

    private static void closeQuietly(AutoCloseable part, String what) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("closing the {} failed: {}", what, e.getMessage(), e);
        }
    }

    public static final class Builder {
        private final HostSettings settings;
        private final DataSource dataSource;
        private final List<Consumer> consumers = new ArrayList<>();
        private Executor bridgeExecutor;
        private ScheduledExecutorService scheduler;
        private Clock clock = Clock.systemUTC();

        private Builder(HostSettings settings, DataSource dataSource) {
            this.settings = Objects.requireNonNull(settings, "settings");
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        public Builder consumers(List<Consumer> consumers) {
            this.consumers.addAll(consumers);
            return this;
        }

        /** Runs the capture engine (one thread for the bridge's lifetime). Default: a thread of its own. */
        public Builder bridgeExecutor(Executor executor) {
            this.bridgeExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Runs the periodic comparison; not shut down by the host. Default: a thread of the host's own. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Migrates the toolkit tables, registers the configured flows, starts the bridge, the consumers and the
         * comparison schedule; on a failure whatever started is stopped again.
         */
        public CutoverHost start() {
            CutoverHost host = new CutoverHost(this);
            host.start(consumers, Optional.ofNullable(bridgeExecutor));
            return host;
        }
    }
}
