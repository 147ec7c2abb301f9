package io.cutover.plan.report.internal;

import static io.cutover.plan.report.internal.Markup.escape;
import static io.cutover.plan.report.internal.Markup.number;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.cutover.plan.report.CutoverReport.Flow;
import io.cutover.plan.report.CutoverReport.Lag;
import io.cutover.plan.report.CutoverReport.Outcomes;
import io.cutover.plan.report.CutoverReport.RatePoint;
import io.cutover.plan.report.CutoverReport.Timeline;

/**
 * The report's charts as inline SVG (no script, no external resource): every text in them is escaped, and every
 * mark carries a {@code <title>} so that hovering shows its exact figures.
 */
final class Charts {

    /** Outcome colours, in the order of {@link #OUTCOME_LABELS}; also the legend of the page's tables. */
    static final List<String> OUTCOME_COLOURS = List.of("#2e7d32", "#c62828", "#ef6c00", "#6a1b9a", "#1565c0");
    static final List<String> OUTCOME_LABELS = List.of("match", "mismatch", "missing in new", "missing in legacy",
            "late");

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private static final int WIDTH = 960;
    /** Time labels under the match-rate chart, besides the one at its start. */
    private static final int TIME_TICKS = 6;

    private Charts() {
    }

    /**
     * The flow's match rate per time bucket as a line over a 0–100 % axis; the x axis spans the whole timeline, so
     * the charts of all flows line up. One circle (class {@code point}) per bucket with results.
     */
    static String matchRate(List<RatePoint> points, Timeline timeline) {
        int height = 200;
        double left = 52;
        double right = WIDTH - 16;
        double top = 12;
        double bottom = height - 30;
        long bucket = timeline.bucketSeconds() * 1000;
        long start = Math.floorDiv(timeline.from().toEpochMilli(), bucket) * bucket;
        long end = (Math.floorDiv(timeline.to().toEpochMilli(), bucket) + 1) * bucket;
        StringBuilder svg = open("rate-chart", WIDTH, height, "Match rate over time");
        for (int percent = 0; percent <= 100; percent += 25) {
            double y = bottom - (bottom - top) * percent / 100;
            svg.append("<line class=\"grid\" x1=\"").append(number(left)).append("\" x2=\"").append(number(right))
                    .append("\" y1=\"").append(number(y)).append("\" y2=\"").append(number(y)).append("\"/>")
                    .append("<text class=\"axis\" x=\"").append(number(left - 6)).append("\" y=\"")
                    .append(number(y + 4)).append("\" text-anchor=\"end\">").append(percent).append(" %</text>");
        }
        long span = end - start;
        DateTimeFormatter format = span > 86_400_000L ? DAY_TIME : span > 600_000L ? MINUTES : SECONDS;
        for (int tick = 0; tick <= TIME_TICKS; tick++) {
            double x = left + (right - left) * tick / TIME_TICKS;
            svg.append("<line class=\"tick\" x1=\"").append(number(x)).append("\" x2=\"").append(number(x))
                    .append("\" y1=\"").append(number(bottom)).append("\" y2=\"").append(number(bottom + 4))
                    .append("\"/>");
            axisLabel(svg, x, height - 10, tick == 0 ? "start" : tick == TIME_TICKS ? "end" : "middle",
                    format.format(Instant.ofEpochMilli(start + (end - start) * tick / TIME_TICKS)));
        }
        StringBuilder line = new StringBuilder();
        StringBuilder circles = new StringBuilder();
        for (RatePoint point : points) {
            double x = left + (right - left) * (point.start().toEpochMilli() + bucket / 2.0 - start) / (end - start);
            double y = bottom - (bottom - top) * point.matchRate();
            line.append(line.isEmpty() ? "" : " ").append(number(x)).append(',').append(number(y));
            circles.append("<circle class=\"point").append(point.matched() < point.compared() ? " short" : "")
                    .append("\" cx=\"").append(number(x)).append("\" cy=\"").append(number(y))
                    .append("\" r=\"3\"><title>").append(escape(Markup.time(point.start()))).append(": ")
                    .append(Markup.percent(point.matchRate())).append(" (").append(point.matched()).append(" of ")
                    .append(point.compared()).append(" matched)</title></circle>");
        }
        svg.append("<polyline class=\"rate\" points=\"").append(line).append("\"/>").append(circles);
        return svg.append("</svg>").toString();
    }

    /**
     * One stacked bar per flow: its results by outcome, on a scale shared by all flows (the longest bar is the flow
     * with the most results), so volume and quality read together. One rect (class {@code segment}) per non-zero
     * outcome.
     */
    static String outcomes(List<Flow> flows) {
        int row = 30;
        int height = 20 + row * flows.size() + 34;
        double left = 180;
        double right = WIDTH - 70;
        long most = flows.stream().mapToLong(flow -> flow.outcomes().total()).max().orElse(0);
        StringBuilder svg = open("outcome-chart", WIDTH, height, "Results per outcome, per flow");
        double y = 12;
        for (Flow flow : flows) {
            svg.append("<text class=\"label\" x=\"").append(number(left - 8)).append("\" y=\"").append(number(y + 15))
                    .append("\" text-anchor=\"end\">").append(escape(shorten(flow.flow(), 24))).append("</text>");
            long[] counts = counts(flow.outcomes());
            double x = left;
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    continue;
                }
                double width = (right - left) * counts[i] / most;
                svg.append("<rect class=\"segment\" x=\"").append(number(x)).append("\" y=\"").append(number(y))
                        .append("\" width=\"").append(number(Math.max(width, 1))).append("\" height=\"20\" fill=\"")
                        .append(OUTCOME_COLOURS.get(i)).append("\"><title>").append(escape(flow.flow())).append(": ")
                        .append(counts[i]).append(' ').append(OUTCOME_LABELS.get(i)).append("</title></rect>");
                x += width;
            }
            svg.append("<text class=\"value\" x=\"").append(number(x + 6)).append("\" y=\"").append(number(y + 15))
                    .append("\">").append(flow.outcomes().total()).append("</text>");
            y += row;
        }
        double x = left;
        for (int i = 0; i < OUTCOME_LABELS.size(); i++) {
            svg.append("<rect x=\"").append(number(x)).append("\" y=\"").append(number(y + 8))
                    .append("\" width=\"12\" height=\"12\" fill=\"").append(OUTCOME_COLOURS.get(i)).append("\"/>")
                    .append("<text class=\"legend\" x=\"").append(number(x + 16)).append("\" y=\"")
                    .append(number(y + 18)).append("\">").append(OUTCOME_LABELS.get(i)).append("</text>");
            x += 28 + 6.6 * OUTCOME_LABELS.get(i).length();
        }
        return svg.append("</svg>").toString();
    }

    /** The flow's lag percentiles as three bars scaled to p99. One rect (class {@code bar}) per percentile. */
    static String lag(Lag lag) {
        int height = 3 * 28 + 12;
        double left = 52;
        double right = WIDTH - 110;
        long[] values = {lag.p50Ms(), lag.p95Ms(), lag.p99Ms()};
        String[] names = {"p50", "p95", "p99"};
        long most = Math.max(1, values[2]);
        StringBuilder svg = open("lag-chart", WIDTH, height, "Lag percentiles");
        for (int i = 0; i < values.length; i++) {
            double y = 8 + 28 * i;
            double width = Math.max(1, (right - left) * values[i] / most);
            svg.append("<text class=\"label\" x=\"").append(number(left - 8)).append("\" y=\"").append(number(y + 15))
                    .append("\" text-anchor=\"end\">").append(names[i]).append("</text>")
                    .append("<rect class=\"bar\" x=\"").append(number(left)).append("\" y=\"").append(number(y))
                    .append("\" width=\"").append(number(width)).append("\" height=\"20\"><title>").append(names[i])
                    .append(": ").append(values[i]).append(" ms</title></rect>")
                    .append("<text class=\"value\" x=\"").append(number(left + width + 6)).append("\" y=\"")
                    .append(number(y + 15)).append("\">").append(Markup.millis(values[i])).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    static long[] counts(Outcomes outcomes) {
        return new long[] {outcomes.match(), outcomes.mismatch(), outcomes.missingInNew(), outcomes.missingInLegacy(),
                outcomes.late()};
    }

    /** No xmlns: inline SVG in HTML needs none, and the page then names no URL at all. */
    private static StringBuilder open(String kind, int width, int height, String title) {
        return new StringBuilder(4096).append("<svg class=\"chart ").append(kind).append("\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" role=\"img\" aria-label=\"").append(title).append("\">");
    }

    private static void axisLabel(StringBuilder svg, double x, double y, String anchor, String text) {
        svg.append("<text class=\"axis\" x=\"").append(number(x)).append("\" y=\"").append(number(y))
                .append("\" text-anchor=\"").append(anchor).append("\">").append(escape(text)).append("</text>");
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}
