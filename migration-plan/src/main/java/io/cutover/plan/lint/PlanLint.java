package io.cutover.plan.lint;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.cutover.bridge.CatalogEntry;
import io.cutover.bridge.CatalogException;
import io.cutover.bridge.EventCatalog;
import io.cutover.bridge.EventTypes;
import io.cutover.bridge.yaml.YamlException;
import io.cutover.bridge.yaml.YamlNode;
import io.cutover.consumers.compare.ComparatorConfig;
import io.cutover.consumers.compare.ComparisonException;
import io.cutover.plan.FlowPlan;
import io.cutover.plan.GateSpec;
import io.cutover.plan.Plan;
import io.cutover.plan.internal.Words;
import io.cutover.plan.lint.Finding.Severity;

/**
 * Checks a plan together with its event catalog and comparator configuration, without a database: events named in
 * the past tense, payloads of ids and changed facts rather than whole rows, versions declared, correlation on the
 * events that trigger flows, and every flow with its events published, its consumer named, a dead-letter policy, a
 * rollback stage and a gate. Findings come sorted by severity, then file and line.
 */
public final class PlanLint {
    /** More payload fields than this looks like a whole row copied into the event. */
    public static final int MAX_PAYLOAD_FIELDS = 8;

    private final Plan plan;
    private final List<Finding> findings = new ArrayList<>();

    private PlanLint(Plan plan) {
        this.plan = plan;
    }

    public static List<Finding> check(Plan plan) {
        return new PlanLint(plan).all();
    }

    private List<Finding> all() {
        Optional<EventCatalog> catalog = catalog();
        catalog.ifPresent(c -> entries(c.entries()));
        plan.comparator().ifPresent(this::comparator);
        for (FlowPlan flow : plan.flows()) {
            flow(flow, catalog);
        }
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::file).thenComparingInt(Finding::line));
        return List.copyOf(findings);
    }

    private void add(Severity severity, String rule, Path file, int line, String message) {
        findings.add(new Finding(severity, rule, file.toString(), line, message));
    }

    private Optional<EventCatalog> catalog() {
        try {
            return Optional.of(EventCatalog.load(plan.catalog()));
        } catch (CatalogException e) {
            for (CatalogException.Problem p : e.problems()) {
                boolean tense = p.field().endsWith(".type") && p.reason().contains("past");
                findings.add(new Finding(Severity.ERROR, tense ? "past-tense" : "catalog", p.file(), p.line(),
                        p.field() + ": " + p.reason()));
            }
            return Optional.empty();
        }
    }

    /** What the parsed catalog no longer shows: whether {@code version} was written out. */
    private Map<Integer, Boolean> versionDeclaredByLine() {
        Map<Integer, Boolean> declared = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(plan.catalog(), StandardCharsets.UTF_8)) {
            YamlNode events = YamlNode.parse(plan.catalog().toString(), reader).get("events");
            if (events != null) {
                events.items().forEach(entry -> declared.put(entry.line(), entry.has("version")));
            }
        } catch (IOException | YamlException e) {
            // the catalog loaded a moment ago; if it cannot be read now, its versions are simply not checked
        }
        return declared;
    }

    private void entries(List<CatalogEntry> entries) {
        Map<Integer, Boolean> versions = versionDeclaredByLine();
        Path file = plan.catalog();
        List<CatalogEntry> unversioned = entries.stream().filter(e -> !versions.getOrDefault(e.line(), true)).toList();
        if (!unversioned.isEmpty()) {
            // legal (the catalog's default is 1), so one note for the whole file rather than a warning per event
            add(Severity.INFO, "version", file, unversioned.get(0).line(), unversioned.size() + " of " + entries.size()
                    + " events declare no version, so version 1 is assumed (" + unversioned.stream().map(CatalogEntry::type)
                    .distinct().collect(Collectors.joining(", ")) + "); a breaking change must be a new version");
        }
        for (CatalogEntry e : entries) {
            if (e.payload().size() > MAX_PAYLOAD_FIELDS) {
                add(Severity.WARN, "payload", file, e.line(), e.type() + ": the payload carries " + e.payload().size()
                        + " fields (more than " + MAX_PAYLOAD_FIELDS + "): carry ids and the facts that changed, not whole"
                        + " rows; consumers read what else they need");
            }
            List<String> flows = flowsTriggeredBy(e.type());
            if (!flows.isEmpty() && e.correlation() == null) {
                add(Severity.ERROR, "correlation", file, e.line(), e.type() + " triggers flow(s) " + String.join(", ", flows)
                        + " but names no correlation column: its events carry no correlation_id to trace a firing by");
            }
        }
    }

    private List<String> flowsTriggeredBy(String type) {
        return plan.flows().stream().filter(f -> f.events().contains(type)).map(FlowPlan::id).toList();
    }

    private void comparator(Path file) {
        try {
            ComparatorConfig.load(file);
        } catch (ComparisonException e) {
            int line = e.getCause() instanceof YamlException y ? y.line() : 0;
            findings.add(new Finding(Severity.ERROR, "comparator", file.toString(), line, e.getMessage()));
            return;
        }
        // rules for a flow the plan does not have are never used: usually a misspelt flow id
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            YamlNode flows = YamlNode.parse(file.toString(), reader).get("flows");
            if (flows != null) {
                flows.fields().forEach((id, rules) -> {
                    if (plan.flow(id).isEmpty()) {
                        add(Severity.WARN, "comparator", file, rules.line(), "rules for flow " + id + ", which the plan"
                                + " does not list; a misspelt flow id? (the flow is compared by the defaults)");
                    }
                });
            }
        } catch (IOException | YamlException e) {
            // it loaded a moment ago; if it cannot be read now, its flow names are simply not checked
        }
    }

    private void flow(FlowPlan flow, Optional<EventCatalog> catalog) {
        Path file = plan.file();
        int line = flow.line();
        String name = "flow " + flow.id();
        for (String type : flow.events()) {
            String tense = EventTypes.problem(type);
            if (tense != null) {
                add(Severity.ERROR, "past-tense", file, line, name + ": event " + type + ": " + tense);
            } else if (catalog.isPresent() && catalog.get().entries().stream().noneMatch(e -> e.type().equals(type))) {
                add(Severity.ERROR, "events", file, line, name + " is triggered by " + type + ", which the catalog "
                        + plan.catalog().getFileName() + " does not publish");
            }
        }
        if (flow.consumer() == null) {
            add(Severity.ERROR, "consumer", file, line, name + " names no consumer: name the consumer that performs the"
                    + " effect on the new path (its gate cannot count dead letters without it)");
        } else {
            add(Severity.INFO, "consumer", file, line, name + ": consumer " + flow.consumer() + " is idempotent through the"
                    + " consumer runtime's (consumer, event_id) mark, written in the effect's transaction; keep the name"
                    + " stable, a renamed consumer runs every event again");
        }
        if (flow.defaulted().contains("dead-letters")) {
            add(Severity.WARN, "dead-letters", file, line, name + ": no dead-letter policy declared; the default applies ("
                    + flow.deadLetters() + ")");
        }
        if (flow.defaulted().contains("rollback")) {
            add(Severity.WARN, "rollback", file, line, name + ": no rollback stage declared; the rollback switch returns it"
                    + " to LEGACY");
        }
        if (flow.defaulted().contains("gate")) {
            GateSpec g = flow.gate();
            add(Severity.WARN, "gate", file, line, name + ": no gate declared (nor defaults.gate); the defaults apply:"
                    + " min-compared " + g.minCompared() + ", min-match-rate " + Words.percent(g.minMatchRate())
                    + ", max-open-dead-letters " + g.maxOpenDeadLetters() + ", max-lag-p99 " + Words.duration(g.maxLagP99())
                    + ", min-observed " + Words.duration(g.minObserved()));
        }
        if (flow.autoRevert().isEmpty()) {
            add(Severity.INFO, "auto-revert", file, line, name + ": no auto-revert limits; only an operator rolls it back");
        }
    }

    /** {@code 1 error, 2 warnings, 5 notes}. */
    public static String summary(List<Finding> findings) {
        Map<Severity, Long> counts = findings.stream().collect(Collectors.groupingBy(Finding::severity, Collectors.counting()));
        long errors = counts.getOrDefault(Severity.ERROR, 0L);
        long warnings = counts.getOrDefault(Severity.WARN, 0L);
        long notes = counts.getOrDefault(Severity.INFO, 0L);
        return errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning, " : " warnings, ")
                + notes + (notes == 1 ? " note" : " notes");
    }
}
