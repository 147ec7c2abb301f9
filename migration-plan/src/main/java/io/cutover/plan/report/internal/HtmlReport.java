package io.cutover.plan.report.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import io.cutover.plan.GateCheck;
import io.cutover.plan.report.CutoverReport;
import io.cutover.plan.report.CutoverReport.DeadLetter;
import io.cutover.plan.report.CutoverReport.Flow;
import io.cutover.plan.report.CutoverReport.Mismatch;
import io.cutover.plan.report.CutoverReport.Outcomes;
import io.cutover.plan.report.CutoverReport.StageStep;

/**
 * {@code report.html}: the Mustache template {@code report.html.mustache} filled with a view of the report. The
 * template escapes every value ({@code {{ }}}); only the charts, built and escaped here, go in raw. The page is
 * self-contained: inline CSS and SVG, no script, no URL.
 */
public final class HtmlReport {

    private static final String TEMPLATE_NAME = "/io/cutover/plan/report/report.html.mustache";
    private static final Mustache TEMPLATE = compile();

    private HtmlReport() {
    }

    public static void write(CutoverReport report, Writer out) throws IOException {
        TEMPLATE.execute(out, view(report));
        out.flush();
    }

    /**
     * Loaded through this class's loader, not the thread's context loader (a server thread may not see this jar), and
     * escaped by {@link Markup#escape} like the charts.
     */
    private static Mustache compile() {
        DefaultMustacheFactory factory = new DefaultMustacheFactory() {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(Markup.escape(value));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        InputStream template = HtmlReport.class.getResourceAsStream(TEMPLATE_NAME);
        if (template == null) {
            throw new IllegalStateException(TEMPLATE_NAME + " is missing from the classpath");
        }
        try (Reader reader = new InputStreamReader(template, StandardCharsets.UTF_8)) {
            return factory.compile(reader, TEMPLATE_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TEMPLATE_NAME, e);
        }
    }

    private static Map<String, Object> view(CutoverReport report) {
        CutoverReport.Totals totals = report.totals();
        List<Map<String, Object>> flows = new ArrayList<>();
        for (int i = 0; i < report.flows().size(); i++) {
            flows.add(flow(report, report.flows().get(i), "flow-" + (i + 1)));
        }
        return map("generatedAt", Markup.time(report.generatedAt()),
                "hasComparisons", report.hasComparisons(),
                "flowCount", totals.flows(),
                "compared", totals.compared(),
                "matchRate", rate(totals.matchRate()),
                "outcomes", outcomes(totals.outcomes()),
                "openDeadLetters", totals.openDeadLetters(),
                "gatesPassed", totals.gatesPassed(),
                "gatesFailed", totals.gatesFailed(),
                "withoutGate", totals.withoutGate(),
                "timeline", report.timeline() == null ? null : map(
                        "from", Markup.time(report.timeline().from()),
                        "to", Markup.time(report.timeline().to()),
                        "bucket", Markup.duration(report.timeline().bucketSeconds())),
                "outcomeChart", report.hasComparisons() ? Charts.outcomes(report.flows()) : null,
                "flows", flows);
    }

    private static Map<String, Object> flow(CutoverReport report, Flow flow, String anchor) {
        boolean compared = flow.compared() > 0;
        return map("anchor", anchor,
                "name", flow.flow(),
                "consumer", flow.consumer(),
                "stage", flow.stage() == null ? "not registered" : flow.stage(),
                "stageKind", flow.stage() == null ? "none" : flow.stage().split(" ")[0].toLowerCase(Locale.ROOT),
                "compared", flow.compared(),
                "hasResults", compared,
                "matchRate", rate(flow.matchRate()),
                "outcomes", outcomes(flow.outcomes()),
                "rateChart", compared ? Charts.matchRate(flow.matchRateOverTime(), report.timeline()) : null,
                "pointCount", flow.matchRateOverTime().size(),
                "calibration", flow.calibration() == null ? null : map(
                        "rate", Markup.percent(flow.calibration().matchRate()),
                        "compared", flow.calibration().compared()),
                "lagChart", flow.lag() == null ? null : Charts.lag(flow.lag()),
                "hasHistory", !flow.stageHistory().isEmpty(),
                "history", flow.stageHistory().stream().map(HtmlReport::step).toList(),
                "gate", flow.gate() == null ? null : map(
                        "passed", flow.gate().passed(),
                        "verdict", flow.gate().passed() ? "passes" : "fails",
                        "evaluatedAt", Markup.time(flow.gate().evaluatedAt()),
                        "checks", flow.gate().checks().stream().map(HtmlReport::check).toList()),
                "hasSamples", !flow.mismatchSamples().isEmpty(),
                "samples", flow.mismatchSamples().stream().map(HtmlReport::sample).toList(),
                "openDeadLetters", flow.deadLetters().open(),
                "hasDeadLetters", flow.deadLetters().open() > 0,
                "deadLetters", flow.deadLetters().recent().stream().map(HtmlReport::deadLetter).toList());
    }

    private static String rate(Double rate) {
        return rate == null ? "–" : Markup.percent(rate);
    }

    private static List<Map<String, Object>> outcomes(Outcomes outcomes) {
        long[] counts = Charts.counts(outcomes);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            rows.add(map("label", Charts.OUTCOME_LABELS.get(i), "colour", Charts.OUTCOME_COLOURS.get(i),
                    "count", counts[i]));
        }
        return rows;
    }

    private static Map<String, Object> step(StageStep step) {
        return map("at", Markup.time(step.at()), "from", step.from() == null ? "(registered)" : step.from(),
                "to", step.to(), "actor", step.actor(), "reason", step.reason());
    }

    private static Map<String, Object> check(GateCheck check) {
        return map("name", check.name(), "required", check.required(), "observed", check.observed(),
                "passed", check.passed(), "status", check.passed() ? "pass" : "fail");
    }

    private static Map<String, Object> sample(Mismatch sample) {
        List<Map<String, Object>> operations = new ArrayList<>();
        if (sample.diff().isArray()) {
            for (JsonNode operation : sample.diff()) {
                operations.add(map("op", operation.path("op").asText(), "path", operation.path("path").asText(),
                        "legacy", value(operation.has("fromValue") ? operation.get("fromValue") : operation.get("from")),
                        "shadow", value(operation.get("value"))));
            }
        }
        return map("key", sample.occurrenceKey(), "outcome", sample.outcome().toLowerCase(Locale.ROOT).replace('_', ' '),
                "lag", Markup.millis(sample.lagMs()), "comparedAt", Markup.time(sample.comparedAt()),
                "operations", operations, "diff", sample.diff().toPrettyString());
    }

    private static String value(JsonNode node) {
        return node == null ? "" : node.toString();
    }

    private static Map<String, Object> deadLetter(DeadLetter dead) {
        return map("eventId", String.valueOf(dead.eventId()), "type", dead.eventType(), "key", dead.partitionKey(),
                "attempts", dead.attempts(), "deadAt", Markup.time(dead.deadAt()), "error", dead.error());
    }

    /** A view map; unlike {@code Map.of} it takes nulls, which the template reads as "absent". */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> view = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            view.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return view;
    }
}
