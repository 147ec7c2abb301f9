package io.cutover.consumers.compare;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.cutover.consumers.compare.internal.ConfigReader;

/**
 * The comparator's configuration: rules per flow, the rules for flows not listed, and how long an unpaired effect is
 * kept for late pairing. Immutable. Read from YAML with {@link #load(Path)} (format in the module README); a broken
 * file is refused with a {@link ComparisonException} naming file, line, field and reason.
 */
public final class ComparatorConfig {

    /** An effect still unpaired after this long stays missing for good and stops being considered for pairing. */
    public static final Duration DEFAULT_KEEP_UNPAIRED_FOR = Duration.ofDays(7);
    /** Effects read from each source per round trip. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    private final FlowRules defaults;
    private final Map<String, FlowRules> flows;
    private final Duration keepUnpairedFor;
    private final int batchSize;

    private ComparatorConfig(Builder builder) {
        this.defaults = builder.defaults;
        this.flows = Map.copyOf(builder.flows);
        this.keepUnpairedFor = builder.keepUnpairedFor;
        this.batchSize = builder.batchSize;
    }

    public static ComparatorConfig ofDefaults() {
        return custom().build();
    }

    public static Builder custom() {
        return new Builder();
    }

    /** Reads a YAML file; its name is used in error messages. */
    public static ComparatorConfig load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), reader);
        } catch (IOException e) {
            throw new ComparisonException(file + ": cannot read the comparator configuration: " + e.getMessage(), e);
        }
    }

    /** Reads YAML; {@code source} names it in error messages (a file name or a class path resource). */
    public static ComparatorConfig parse(String source, Reader yaml) {
        return ConfigReader.read(source, yaml);
    }

    /** The flow's own rules, or the defaults when the flow is not listed; never null. */
    public FlowRules rulesFor(String flow) {
        return flows.getOrDefault(flow, defaults);
    }

    public FlowRules defaults() {
        return defaults;
    }

    public Map<String, FlowRules> flows() {
        return flows;
    }

    public Duration keepUnpairedFor() {
        return keepUnpairedFor;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The shortest lag window of all rules: nothing younger than this can be missing. */
    public Duration shortestLagWindow() {
        Duration shortest = defaults.lagWindow();
        for (FlowRules rules : flows.values()) {
            if (rules.lagWindow().compareTo(shortest) < 0) {
                shortest = rules.lagWindow();
            }
        }
        return shortest;
    }

    public static final class Builder {

        private FlowRules defaults = FlowRules.ofDefaults();
        private final Map<String, FlowRules> flows = new LinkedHashMap<>();
        private Duration keepUnpairedFor = DEFAULT_KEEP_UNPAIRED_FOR;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder() {
        }

        /** Rules for flows that have none of their own. */
        public Builder defaults(FlowRules rules) {
            this.defaults = Objects.requireNonNull(rules, "rules");
            return this;
        }

        public Builder flow(String flow, FlowRules rules) {
            Objects.requireNonNull(flow, "flow");
            if (flow.isBlank()) {
                throw new ComparisonException("flows: a flow name must not be blank");
            }
            flows.put(flow, Objects.requireNonNull(rules, "rules"));
            return this;
        }

        public Builder keepUnpairedFor(Duration keepUnpairedFor) {
            Objects.requireNonNull(keepUnpairedFor, "keepUnpairedFor");
            if (keepUnpairedFor.isNegative() || keepUnpairedFor.isZero()) {
                throw new ComparisonException("keep-unpaired-for must be positive, was " + keepUnpairedFor);
            }
            this.keepUnpairedFor = keepUnpairedFor;
            return this;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 100_000) {
                throw new ComparisonException("batch-size must be between 1 and 100000, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        public ComparatorConfig build() {
            for (FlowRules rules : flows.values()) {
                if (keepUnpairedFor.compareTo(rules.lagWindow()) < 0) {
                    throw new ComparisonException("keep-unpaired-for (" + keepUnpairedFor
                            + ") must not be shorter than a lag window (" + rules.lagWindow() + ")");
                }
            }
            if (keepUnpairedFor.compareTo(defaults.lagWindow()) < 0) {
                throw new ComparisonException("keep-unpaired-for (" + keepUnpairedFor
                        + ") must not be shorter than the default lag window (" + defaults.lagWindow() + ")");
            }
            return new ComparatorConfig(this);
        }
    }
}
