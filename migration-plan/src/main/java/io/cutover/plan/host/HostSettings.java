package io.cutover.plan.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.cutover.bridge.BridgeConfig;
import io.cutover.consumers.compare.EffectSources;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanException;
import io.cutover.plan.PlanFile;

/**
 * What a {@link CutoverHost} runs: immutable, validated when read, every problem reported with its key. Each key is
 * declared once in {@link #KEYS}; {@link #from(Function)} reads them and the bridge's {@code cutover.bridge.*} keys
 * ({@link BridgeConfig#KEYS}) from any lookup, e.g. MicroProfile Config at the edge.
 */
public record HostSettings(BridgeConfig bridge, Path catalog, Optional<Path> comparator, Optional<Plan> plan,
                           List<String> flows, Duration comparisonInterval, Duration comparisonSettle,
                           long maxReadySlotLagBytes) {

    /** One configuration key: its name, what it does and its default (null: required, "": optional). */
    public record Key(String name, String description, String defaultValue) {
    }

    public static final Key CATALOG = new Key("cutover.catalog",
            "The event catalog (YAML) the bridge captures by; unset: the plan's catalog.", null);
    public static final Key COMPARATOR = new Key("cutover.comparator",
            "The shadow comparator's rules (YAML); unset: the plan's, else the comparator's defaults for every flow.", "");
    public static final Key PLAN = new Key("cutover.plan", "The plan file: its flows are registered, their readiness gates "
            + "guard stage changes and AutoRevert watches them; unset: no gates (UngatedStageChanges).", "");
    public static final Key FLOWS = new Key("cutover.flows",
            "Flows registered (in LEGACY) at start when the flag store lacks them, comma-separated.", "");
    public static final Key COMPARISON_INTERVAL_MS = new Key("cutover.comparison.interval-ms",
            "Pause between two runs of the shadow comparison.", "5000");
    public static final Key COMPARISON_SETTLE_MS = new Key("cutover.comparison.settle-ms",
            "Effects younger than this are left for the next comparison run (commits still in flight).",
            String.valueOf(EffectSources.DEFAULT_SETTLE.toMillis()));
    public static final Key MAX_READY_SLOT_LAG_BYTES = new Key("cutover.health.max-slot-lag-bytes",
            "Readiness fails while the bridge's slot holds back more WAL than this.", String.valueOf(64L * 1024 * 1024));

    public static final List<Key> KEYS = List.of(CATALOG, COMPARATOR, PLAN, FLOWS, COMPARISON_INTERVAL_MS,
            COMPARISON_SETTLE_MS, MAX_READY_SLOT_LAG_BYTES);

    public HostSettings {
        Objects.requireNonNull(bridge, "bridge");
        require(catalog != null && Files.isRegularFile(catalog), CATALOG, "no such file: " + catalog);
        comparator.ifPresent(file -> require(Files.isRegularFile(file), COMPARATOR, "no such file: " + file));
        Objects.requireNonNull(plan, "plan");
        flows = List.copyOf(flows);
        require(comparisonInterval != null && comparisonInterval.toMillis() >= 100, COMPARISON_INTERVAL_MS,
                "must be >= 100 ms, was " + comparisonInterval);
        require(comparisonSettle != null && !comparisonSettle.isNegative(), COMPARISON_SETTLE_MS,
                "must be >= 0 ms, was " + comparisonSettle);
        require(maxReadySlotLagBytes > 0, MAX_READY_SLOT_LAG_BYTES, "must be > 0, was " + maxReadySlotLagBytes);
    }

    /**
     * Reads every host key and the bridge's keys from {@code config}; unknown {@code cutover.bridge.*} keys are refused.
     * A plan is loaded (and refused with file:line) here, so a bad plan stops the host before anything starts.
     */
    public static HostSettings from(Function<String, Optional<String>> config) {
        Map<String, String> bridgeKeys = new LinkedHashMap<>();
        BridgeConfig.KEYS.forEach(key -> config.apply(key.name()).ifPresent(v -> bridgeKeys.put(key.name(), v)));
        Optional<Plan> plan = value(config, PLAN).map(file -> {
            require(Files.isRegularFile(Path.of(file)), PLAN, "no such file: " + file);
            return PlanFile.load(Path.of(file));
        });
        Path catalog = value(config, CATALOG).map(Path::of).or(() -> plan.map(Plan::catalog))
                .orElseThrow(() -> missing(CATALOG));
        Optional<Path> comparator = value(config, COMPARATOR).map(Path::of).or(() -> plan.flatMap(Plan::comparator));
        return new HostSettings(BridgeConfig.from(bridgeKeys), catalog, comparator, plan,
                value(config, FLOWS).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .toList()).orElse(List.of()),
                Duration.ofMillis(number(config, COMPARISON_INTERVAL_MS)),
                Duration.ofMillis(number(config, COMPARISON_SETTLE_MS)), number(config, MAX_READY_SLOT_LAG_BYTES));
    }

    private static Optional<String> value(Function<String, Optional<String>> config, Key key) {
        return config.apply(key.name()).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static long number(Function<String, Optional<String>> config, Key key) {
        String v = value(config, key).orElse(key.defaultValue());
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new PlanException(key.name() + ": must be a whole number, was '" + v + "'");
        }
    }

    private static PlanException missing(Key key) {
        return new PlanException(key.name() + ": required (" + key.description() + ")");
    }

    private static void require(boolean ok, Key key, String problem) {
        if (!ok) {
            throw new PlanException(key.name() + ": " + problem);
        }
    }
}
