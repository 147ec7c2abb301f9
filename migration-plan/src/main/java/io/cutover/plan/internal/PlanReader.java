package io.cutover.plan.internal;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import io.cutover.bridge.yaml.YamlNode;
import io.cutover.flags.Stage;
import io.cutover.plan.AutoRevertSpec;
import io.cutover.plan.DeadLetterPolicy;
import io.cutover.plan.FlowPlan;
import io.cutover.plan.GateSpec;
import io.cutover.plan.Plan;

/** Turns a plan file's YAML into a {@link Plan}; the first problem is refused as {@code file:line: field: reason}. */
public final class PlanReader {
    private static final Set<String> TOP_KEYS = Set.of("catalog", "comparator", "defaults", "flows");
    private static final Set<String> DEFAULTS_KEYS = Set.of("gate", "auto-revert");
    private static final Set<String> FLOW_KEYS = Set.of("id", "effect", "events", "consumer", "dead-letters", "rollback",
            "gate", "auto-revert");
    private static final Set<String> GATE_KEYS = Set.of("min-compared", "min-match-rate", "max-open-dead-letters",
            "max-lag-p99", "min-observed");
    private static final Set<String> AUTO_REVERT_KEYS = Set.of("max-new-mismatches", "max-new-dead-letters");
    private static final Set<String> DEAD_LETTER_KEYS = Set.of("policy", "max-attempts");
    /** As consumer names: the same word usually names both. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private static final Pattern PERCENT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*%?\\s*");

    private final Path file;

    private PlanReader(Path file) {
        this.file = file;
    }

    /** {@code root} is the parsed file; relative paths in it are resolved against {@code file}'s directory. */
    public static Plan read(Path file, YamlNode root) {
        return new PlanReader(file).plan(root);
    }

    private Plan plan(YamlNode top) {
        if (top.isNull()) {
            throw top.problem("an empty plan; it needs at least 'catalog:' and 'flows:'");
        }
        top.mapping().onlyKeys(TOP_KEYS);
        Path catalog = existing(required(top, "catalog", "name the event catalog file (relative to the plan)"));
        Optional<Path> comparator = Optional.ofNullable(top.get("comparator")).map(this::existing);
        GateSpec gateDefaults = GateSpec.DEFAULTS;
        Optional<AutoRevertSpec> revertDefaults = Optional.empty();
        YamlNode defaults = top.get("defaults");
        if (defaults != null) {
            defaults.mapping().onlyKeys(DEFAULTS_KEYS);
            if (defaults.has("gate")) {
                gateDefaults = gate(defaults.get("gate"), gateDefaults);
            }
            if (defaults.has("auto-revert")) {
                revertDefaults = Optional.of(autoRevert(defaults.get("auto-revert")));
            }
        }
        YamlNode flows = required(top, "flows", "list the flows, each with id, effect, events and consumer");
        if (flows.list().isEmpty()) {
            throw flows.problem("the plan has no flows");
        }
        List<FlowPlan> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (YamlNode node : flows.items()) {
            FlowPlan flow = flow(node, gateDefaults, defaults != null && defaults.has("gate"), revertDefaults);
            Integer first = seen.putIfAbsent(flow.id(), node.line());
            if (first != null) {
                throw node.get("id").problem("flow '" + flow.id() + "' is declared twice (first at line " + first + ")");
            }
            out.add(flow);
        }
        return new Plan(file, catalog, comparator, out);
    }

    private FlowPlan flow(YamlNode node, GateSpec gateDefaults, boolean gateDefaultsDeclared,
            Optional<AutoRevertSpec> revertDefaults) {
        node.mapping().onlyKeys(FLOW_KEYS);
        YamlNode idNode = required(node, "id", "the flow's id in the flag store");
        String id = name(idNode);
        String effect = required(node, "effect", "describe the legacy side effect this flow replaces").string();
        List<String> events = events(required(node, "events", "name the event type(s) that trigger the flow"));
        String consumer = node.has("consumer") ? name(node.get("consumer")) : null;
        Set<String> defaulted = new LinkedHashSet<>();
        DeadLetterPolicy deadLetters = DeadLetterPolicy.DEFAULT;
        if (node.has("dead-letters")) {
            deadLetters = deadLetters(node.get("dead-letters"));
        } else {
            defaulted.add("dead-letters");
        }
        Stage rollback = Stage.LEGACY;
        if (node.has("rollback")) {
            rollback = rollback(node.get("rollback"));
        } else {
            defaulted.add("rollback");
        }
        GateSpec gate = gateDefaults;
        if (node.has("gate")) {
            gate = gate(node.get("gate"), gateDefaults);
        } else if (!gateDefaultsDeclared) {
            defaulted.add("gate");
        }
        Optional<AutoRevertSpec> autoRevert = node.has("auto-revert")
                ? Optional.of(autoRevert(node.get("auto-revert"))) : revertDefaults;
        return new FlowPlan(id, node.line(), effect, events, consumer, deadLetters, rollback, gate, autoRevert, defaulted);
    }

    private static YamlNode required(YamlNode mapping, String key, String hint) {
        YamlNode node = mapping.get(key);
        if (node == null || node.isNull()) {
            throw mapping.problem(key, "missing; " + hint);
        }
        return node;
    }

    private static String name(YamlNode node) {
        String name = node.string();
        if (!NAME.matcher(name).matches()) {
            throw node.problem("'" + name + "' is not a name: lower-case letters, digits, '-', '_' or '.', up to 63");
        }
        return name;
    }

    private static List<String> events(YamlNode node) {
        List<YamlNode> items = node.isText() ? List.of(node) : node.list();
        if (items.isEmpty()) {
            throw node.problem("name at least one event type");
        }
        Set<String> out = new LinkedHashSet<>();
        for (YamlNode item : items) {
            if (!out.add(item.string())) {
                throw item.problem("event type '" + item.text() + "' is listed twice");
            }
        }
        return List.copyOf(out);
    }

    private Path existing(YamlNode node) {
        Path path = file.toAbsolutePath().getParent().resolve(node.string()).normalize();
        if (!Files.isRegularFile(path)) {
            throw node.problem("file not found: " + path);
        }
        return path;
    }

    private static DeadLetterPolicy deadLetters(YamlNode node) {
        node.mapping().onlyKeys(DEAD_LETTER_KEYS);
        String policy = DeadLetterPolicy.PARK;
        if (node.has("policy")) {
            YamlNode p = node.get("policy");
            policy = p.string().toLowerCase(Locale.ROOT);
            if (!policy.equals(DeadLetterPolicy.PARK)) {
                throw p.problem("unknown policy '" + p.text() + "'; the consumer runtime has one: park (retry, then park"
                        + " the event and hold its key's later events until an operator redrives or skips it)");
            }
        }
        int attempts = DeadLetterPolicy.DEFAULT_MAX_ATTEMPTS;
        if (node.has("max-attempts")) {
            YamlNode a = node.get("max-attempts");
            attempts = a.wholeNumber();
            if (attempts < 1) {
                throw a.problem("must be at least 1, was " + attempts);
            }
        }
        return new DeadLetterPolicy(policy, attempts);
    }

    private static Stage rollback(YamlNode node) {
        String text = node.string().toUpperCase(Locale.ROOT);
        return switch (text) {
            case "LEGACY" -> Stage.LEGACY;
            case "SHADOW" -> Stage.SHADOW;
            default -> throw node.problem("must be LEGACY or SHADOW (where the rollback switch returns the flow), was '"
                    + node.text() + "'");
        };
    }

    private static GateSpec gate(YamlNode node, GateSpec base) {
        node.mapping().onlyKeys(GATE_KEYS);
        return new GateSpec(
                node.has("min-compared") ? count(node.get("min-compared")) : base.minCompared(),
                node.has("min-match-rate") ? percent(node.get("min-match-rate")) : base.minMatchRate(),
                node.has("max-open-dead-letters") ? count(node.get("max-open-dead-letters")) : base.maxOpenDeadLetters(),
                node.has("max-lag-p99") ? positive(node.get("max-lag-p99")) : base.maxLagP99(),
                node.has("min-observed") ? positive(node.get("min-observed")) : base.minObserved());
    }

    private static AutoRevertSpec autoRevert(YamlNode node) {
        node.mapping().onlyKeys(AUTO_REVERT_KEYS);
        if (node.fields().isEmpty()) {
            throw node.problem("name at least one limit: " + AUTO_REVERT_KEYS.stream().sorted().toList());
        }
        return new AutoRevertSpec(
                node.has("max-new-mismatches") ? OptionalLong.of(count(node.get("max-new-mismatches"))) : OptionalLong.empty(),
                node.has("max-new-dead-letters") ? OptionalLong.of(count(node.get("max-new-dead-letters"))) : OptionalLong.empty());
    }

    private static long count(YamlNode node) {
        int value = node.wholeNumber();
        if (value < 0) {
            throw node.problem("must not be negative, was " + value);
        }
        return value;
    }

    private static Duration positive(YamlNode node) {
        Duration value = node.duration();
        if (value.isNegative()) {
            throw node.problem("must not be negative, was " + node.text());
        }
        return value;
    }

    /** {@code 99.5}, {@code 99.5%} or {@code "99.5 %"}: a percentage between 0 and 100. */
    private static double percent(YamlNode node) {
        String text = node.text() == null ? "" : node.text();
        var m = PERCENT.matcher(text);
        if ((node.isText() || node.json().isNumber()) && m.matches()) {
            BigDecimal value = new BigDecimal(m.group(1));
            if (value.compareTo(BigDecimal.valueOf(100)) <= 0) {
                return value.doubleValue();
            }
        }
        throw node.problem("must be a percentage between 0 and 100 (like 99.5 or 99.5%), was " + node.describe());
    }
}
