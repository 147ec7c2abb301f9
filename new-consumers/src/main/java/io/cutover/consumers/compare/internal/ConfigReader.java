package io.cutover.consumers.compare.internal;

import java.io.Reader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cutover.bridge.yaml.YamlException;
import io.cutover.bridge.yaml.YamlNode;
import io.cutover.consumers.compare.ComparatorConfig;
import io.cutover.consumers.compare.ComparisonException;
import io.cutover.consumers.compare.FlowRules;
import io.cutover.consumers.compare.spi.Normaliser;

/** Reads the comparator's YAML; a refused file says {@code file:line: field: reason}. */
public final class ConfigReader {

    private static final Set<String> TOP_KEYS = Set.of("keep-unpaired-for", "batch-size", "defaults", "flows");
    private static final Set<String> RULE_KEYS = Set.of("lag-window", "ignore", "normalise");
    private static final List<String> NORMALISERS =
            List.of("trim", "lowercase", "round", "tolerance", "sort", "missing-as-null");

    private ConfigReader() {
    }

    public static ComparatorConfig read(String source, Reader yaml) {
        try {
            return config(YamlNode.parse(source, yaml));
        } catch (YamlException e) {
            throw new ComparisonException(e.getMessage(), e);
        }
    }

    private static ComparatorConfig config(YamlNode top) {
        if (!top.isNull()) {
            top.mapping().onlyKeys(TOP_KEYS);
        }
        ComparatorConfig.Builder config = ComparatorConfig.custom();
        YamlNode defaults = top.get("defaults");
        if (defaults != null) {
            defaults.mapping().onlyKeys(RULE_KEYS);
        }
        Duration defaultWindow = defaults != null && defaults.has("lag-window")
                ? defaults.get("lag-window").duration() : FlowRules.DEFAULT_LAG_WINDOW;
        FlowRules.Builder defaultRules = FlowRules.custom();
        rules(defaultRules, defaultWindow, defaults, top);
        config.defaults(defaultRules.build());
        YamlNode flows = top.get("flows");
        if (flows != null) {
            for (Map.Entry<String, YamlNode> flow : flows.mapping().fields().entrySet()) {
                YamlNode declared = flow.getValue();
                if (!declared.isNull()) {
                    declared.mapping().onlyKeys(RULE_KEYS);
                }
                if (flow.getKey().isBlank()) {
                    throw declared.problem("a flow name must not be blank");
                }
                FlowRules.Builder rules = FlowRules.custom();
                // the defaults' normalisers come first, then the flow's own
                rules(rules, defaultWindow, defaults, top);
                Duration window = declared.has("lag-window") ? declared.get("lag-window").duration() : defaultWindow;
                rules(rules, window, declared, declared);
                config.flow(flow.getKey(), rules.build());
            }
        }
        YamlNode size = top.get("batch-size");
        if (size != null) {
            int batch = size.wholeNumber();
            attempt(size, () -> config.batchSize(batch));
        }
        YamlNode keep = top.get("keep-unpaired-for");
        if (keep != null) {
            Duration kept = keep.duration();
            attempt(keep, () -> config.keepUnpairedFor(kept));
        }
        ComparatorConfig[] built = new ComparatorConfig[1];
        attempt(keep != null ? keep : top, () -> built[0] = config.build());
        return built[0];
    }

    /** {@code declared} may be null (no defaults); {@code at} is where a lag-window refusal is reported. */
    private static void rules(FlowRules.Builder rules, Duration window, YamlNode declared, YamlNode at) {
        YamlNode windowNode = declared == null ? null : declared.get("lag-window");
        try {
            rules.lagWindow(window);
        } catch (ComparisonException e) {
            throw windowNode != null ? windowNode.problem(e.getMessage()) : at.problem("defaults", e.getMessage());
        }
        if (declared == null) {
            return;
        }
        YamlNode ignore = declared.get("ignore");
        if (ignore != null) {
            for (YamlNode pointer : ignore.isText() ? List.of(ignore) : ignore.list()) {
                String text = pointer(pointer);
                attempt(pointer, () -> rules.ignoring(text));
            }
        }
        YamlNode normalise = declared.get("normalise");
        if (normalise != null) {
            for (YamlNode entry : normalise.list()) {
                if (entry.mapping().fields().size() != 1) {
                    throw entry.problem("must name exactly one normaliser (one of " + NORMALISERS + ")");
                }
                Map.Entry<String, YamlNode> only = entry.fields().entrySet().iterator().next();
                normaliser(rules, only.getKey(), only.getValue());
            }
        }
    }

    private static void normaliser(FlowRules.Builder rules, String kind, YamlNode spec) {
        switch (kind) {
            case "trim" -> {
                String path = pointer(spec);
                attempt(spec, () -> rules.normalise("trim " + path, Normaliser.trimmed(path)));
            }
            case "lowercase" -> {
                String path = pointer(spec);
                attempt(spec, () -> rules.normalise("lowercase " + path, Normaliser.lowercased(path)));
            }
            case "missing-as-null" -> {
                String path = spec.isNull() ? "" : pointer(spec);
                attempt(spec, () -> rules.normalise("missing-as-null " + path, Normaliser.missingAsNull(path)));
            }
            case "round" -> {
                arguments(spec, Set.of("path", "decimals"), Set.of("path", "decimals"));
                String path = pointer(spec.get("path"));
                YamlNode decimals = spec.get("decimals");
                int places = decimals.wholeNumber();
                attempt(decimals, () -> rules.normalise("round " + path + " to " + places + " decimals",
                        Normaliser.rounded(path, places)));
            }
            case "tolerance" -> {
                arguments(spec, Set.of("path", "within"), Set.of("path", "within"));
                String path = pointer(spec.get("path"));
                YamlNode within = spec.get("within");
                if (!within.json().isNumber()) {
                    throw within.problem("must be a number, was " + within.describe());
                }
                BigDecimal amount = within.json().decimalValue();
                attempt(within, () -> rules.normalise("tolerance " + path + " within " + amount,
                        Normaliser.tolerance(path, amount)));
            }
            case "sort" -> {
                arguments(spec, Set.of("path", "by"), Set.of("path"));
                String path = pointer(spec.get("path"));
                String by = spec.has("by") ? pointer(spec.get("by")) : "";
                attempt(spec, () -> rules.normalise("sort " + path + (by.isEmpty() ? "" : " by " + by),
                        Normaliser.sortedBy(path, by)));
            }
            default -> throw spec.problem("unknown normaliser '" + kind + "', expected one of " + NORMALISERS);
        }
    }

    private static void arguments(YamlNode spec, Set<String> allowed, Set<String> required) {
        spec.mapping().onlyKeys(allowed);
        for (String name : required) {
            if (!spec.has(name)) {
                throw spec.problem("'" + name + "' is required");
            }
        }
    }

    private static String pointer(YamlNode node) {
        if (!node.isText()) {
            throw node.problem("must be a string (a JSON Pointer such as /sent_at), was " + node.describe());
        }
        return node.text();
    }

    /** Runs a builder step; its refusal is re-thrown with this node's file, line and field. */
    private static void attempt(YamlNode node, Runnable step) {
        try {
            step.run();
        } catch (ComparisonException e) {
            throw node.problem(e.getMessage());
        }
    }
}
