package io.cutover.plan.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.cutover.bridge.CatalogEntry;
import io.cutover.bridge.EventCatalog;
import io.cutover.plan.FlowPlan;
import io.cutover.plan.Plan;
import io.cutover.plan.internal.Words;

/**
 * The event catalog as people read it, generated from the configuration (never written by hand, so never stale): a
 * Markdown table of every event with its payload, publisher (table and operation), listeners, delivery and
 * idempotency, a table of the plan's flows, and a Mermaid diagram table → event → consumer → effect.
 */
public final class CatalogDocument {
    private final EventCatalog catalog;
    private final Plan plan;

    public CatalogDocument(EventCatalog catalog, Plan plan) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    /** The event and flow tables, then the diagram in a {@code mermaid} block (rendered by GitHub and GitLab). */
    public String markdown() {
        StringBuilder md = new StringBuilder("# Event catalog\n\nGenerated from ").append(plan.catalog().getFileName())
                .append(" and ").append(plan.file().getFileName()).append(".\n\n")
                .append("| event | version | payload | publisher | listeners | delivery | idempotency |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (CatalogEntry e : catalog.entries()) {
            List<FlowPlan> listeners = listeners(e.type());
            md.append("| ").append(e.type())
                    .append(" | ").append(e.version())
                    .append(" | ").append(String.join(", ", e.payload().values()))
                    .append(" | ").append(cell(publisher(e)))
                    .append(" | ").append(listeners.isEmpty() ? "—" : listeners.stream()
                            .map(f -> f.id() + " (" + consumer(f) + ")").collect(Collectors.joining(", ")))
                    .append(" | ").append(listeners.isEmpty() ? "—" : "async, via the event log")
                    .append(" | ").append(listeners.isEmpty() ? "—" : "runtime mark (consumer, event_id)")
                    .append(" |\n");
        }
        md.append("\n## Flows\n\n")
                .append("| flow | legacy effect (synchronous, in the request) | events | consumer (asynchronous) | dead letters"
                        + " | rollback to | gate |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (FlowPlan f : plan.flows()) {
            md.append("| ").append(f.id())
                    .append(" | ").append(cell(f.effect()))
                    .append(" | ").append(String.join(", ", f.events()))
                    .append(" | ").append(consumer(f))
                    .append(" | ").append(f.deadLetters())
                    .append(" | ").append(f.rollback())
                    .append(" | ").append("≥ ").append(f.gate().minCompared()).append(" compared, ≥ ")
                    .append(Words.percent(f.gate().minMatchRate())).append(" match, ≤ ")
                    .append(f.gate().maxOpenDeadLetters()).append(" parked, lag p99 ≤ ")
                    .append(Words.duration(f.gate().maxLagP99())).append(", ≥ ")
                    .append(Words.duration(f.gate().minObserved())).append(" in shadow")
                    .append(" |\n");
        }
        return md.append("\n```mermaid\n").append(mermaid()).append("```\n").toString();
    }

    /** {@code flowchart LR}: tables, events, consumers and effects as nodes; a publisher's edge names its operation. */
    public String mermaid() {
        StringBuilder m = new StringBuilder("flowchart LR\n");
        Map<String, String> tables = catalog.entries().stream().collect(Collectors.toMap(CatalogEntry::qualifiedTable,
                t -> "table_" + id(t.qualifiedTable()), (a, b) -> a, LinkedHashMap::new));
        tables.forEach((table, node) -> m.append("  ").append(node).append("[(\"").append(label(table)).append("\")]\n"));
        catalog.entries().stream().map(CatalogEntry::type).distinct().forEach(type ->
                m.append("  event_").append(id(type)).append("([\"").append(type).append("\"])\n"));
        for (CatalogEntry e : catalog.entries()) {
            m.append("  ").append(tables.get(e.qualifiedTable())).append(" -->|\"").append(label(operation(e)))
                    .append("\"| event_").append(id(e.type())).append('\n');
        }
        for (FlowPlan f : plan.flows()) {
            String consumer = "consumer_" + id(consumer(f));
            m.append("  ").append(consumer).append("[[\"").append(label(consumer(f))).append("\"]]\n");
            for (String type : f.events()) {
                m.append("  event_").append(id(type)).append(" --> ").append(consumer).append('\n');
            }
            m.append("  ").append(consumer).append(" -->|\"").append(label(f.id())).append("\"| effect_").append(id(f.id()))
                    .append(">\"").append(label(f.effect())).append("\"]\n");
        }
        return m.toString();
    }

    private List<FlowPlan> listeners(String type) {
        return plan.flows().stream().filter(f -> f.events().contains(type)).toList();
    }

    private static String consumer(FlowPlan flow) {
        return flow.consumer() == null ? "(no consumer named)" : flow.consumer();
    }

    private static String publisher(CatalogEntry e) {
        return e.qualifiedTable() + " " + operation(e);
    }

    /** {@code update status: PENDING -> CONFIRMED}, {@code insert where kind = RESERVED}. */
    private static String operation(CatalogEntry e) {
        StringBuilder op = new StringBuilder(e.operation().catalogName());
        if (!e.transitions().isEmpty()) {
            op.append(' ').append(e.transitions().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        if (!e.when().isEmpty()) {
            op.append(" where ").append(e.when().entrySet().stream().map(w -> w.getKey() + " = " + w.getValue())
                    .collect(Collectors.joining(" and ")));
        }
        return op.toString();
    }

    private static String id(String text) {
        return text.replaceAll("[^A-Za-z0-9]", "_");
    }

    /** Mermaid labels are quoted: a quote inside becomes an entity. */
    private static String label(String text) {
        return text.replace("\"", "#quot;");
    }

    /** A Markdown table cell: a pipe would end it. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
