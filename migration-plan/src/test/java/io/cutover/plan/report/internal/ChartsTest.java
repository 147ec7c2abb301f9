package io.cutover.plan.report.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.cutover.plan.report.CutoverReport.DeadLetters;
import io.cutover.plan.report.CutoverReport.Flow;
import io.cutover.plan.report.CutoverReport.Lag;
import io.cutover.plan.report.CutoverReport.Outcomes;
import io.cutover.plan.report.CutoverReport.RatePoint;
import io.cutover.plan.report.CutoverReport.Timeline;

class ChartsTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    @Test
    void matchRatePointsSitOnTheZeroToHundredPercentAxisInTimeOrder() throws Exception {
        Timeline timeline = new Timeline(T0, T0.plus(Duration.ofMinutes(9)), 60);
        List<RatePoint> points = List.of(new RatePoint(T0, 4, 4, 1.0),
                new RatePoint(T0.plus(Duration.ofMinutes(4)), 2, 1, 0.5),
                new RatePoint(T0.plus(Duration.ofMinutes(9)), 3, 0, 0.0));

        Element chart = svg(Charts.matchRate(points, timeline));

        List<Element> grid = elements(chart, "line").stream().filter(line -> line.getAttribute("class").equals("grid"))
                .toList();
        assertThat(grid).hasSize(5); // 0, 25, 50, 75, 100 %
        double zero = number(grid.get(0), "y1");
        double hundred = number(grid.get(4), "y1");
        List<Element> circles = elements(chart, "circle");
        assertThat(circles).hasSize(3);
        assertThat(number(circles.get(0), "cy")).isEqualTo(hundred, within(0.1));
        assertThat(number(circles.get(1), "cy")).isEqualTo((zero + hundred) / 2, within(0.1));
        assertThat(number(circles.get(2), "cy")).isEqualTo(zero, within(0.1));
        assertThat(number(circles.get(0), "cx")).isLessThan(number(circles.get(1), "cx"));
        assertThat(number(circles.get(1), "cx")).isLessThan(number(circles.get(2), "cx"));
        assertThat(circles.get(0).getAttribute("class")).isEqualTo("point");
        assertThat(circles.get(1).getAttribute("class")).isEqualTo("point short");
        assertThat(circles.get(1).getTextContent()).isEqualTo("2026-11-24 08:04:00 UTC: 50 % (1 of 2 matched)");
        assertThat(chart.getTextContent()).contains("08:00", "08:10");
    }

    @Test
    void outcomeBarsShareOneScaleAndShowFlowNamesAsText() throws Exception {
        Flow big = flow("<b>big</b>", new Outcomes(100, 0, 0, 0, 0));
        Flow half = flow("half", new Outcomes(25, 25, 0, 0, 0));

        String markup = Charts.outcomes(List.of(big, half));
        Element chart = svg(markup);

        List<Element> segments = elements(chart, "rect").stream()
                .filter(rect -> rect.getAttribute("class").equals("segment")).toList();
        assertThat(segments).hasSize(3);
        double full = number(segments.get(0), "width");
        assertThat(number(segments.get(1), "width") + number(segments.get(2), "width")).isEqualTo(full / 2, within(0.2));
        assertThat(segments.get(2).getAttribute("fill")).isEqualTo(Charts.OUTCOME_COLOURS.get(1));
        assertThat(elements(chart, "b")).isEmpty();
        assertThat(chart.getTextContent()).contains("<b>big</b>", "25 mismatch");
        assertThat(markup).contains("&lt;b&gt;big&lt;/b&gt;");
    }

    @Test
    void lagBarsAreScaledToTheNinetyNinthPercentile() throws Exception {
        Element chart = svg(Charts.lag(new Lag(250, 1_000, 4_000)));

        List<Element> bars = elements(chart, "rect");
        assertThat(bars).hasSize(3);
        double p99 = number(bars.get(2), "width");
        assertThat(number(bars.get(0), "width")).isEqualTo(p99 / 16, within(0.2));
        assertThat(number(bars.get(1), "width")).isEqualTo(p99 / 4, within(0.2));
        assertThat(chart.getTextContent()).contains("250 ms", "1.0 s", "4.0 s");
    }

    private static Flow flow(String name, Outcomes outcomes) {
        return new Flow(name, null, null, List.of(), outcomes.total(), null, outcomes, List.of(), null, List.of(),
                DeadLetters.NONE, null, null);
    }

    private static Element svg(String markup) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(markup.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }

    private static List<Element> elements(Element within, String tag) {
        NodeList nodes = within.getElementsByTagName(tag);
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
    }

    private static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }
}
