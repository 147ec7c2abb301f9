package io.cutover.plan.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cutover.bridge.BridgeSchema;
import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.EventLog;
import io.cutover.bridge.EventSource;
import io.cutover.consumers.ConsumerRuntime;
import io.cutover.consumers.ConsumerSchema;
import io.cutover.consumers.RuntimeSettings;
import io.cutover.consumers.compare.ComparisonSchema;
import io.cutover.consumers.spi.Accepts;
import io.cutover.consumers.spi.Consumer;
import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.flags.Stage;
import io.cutover.plan.GateCheck;
import io.cutover.plan.GateVerdict;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

/**
 * A report over three flows of a shadow run that the real comparator, flag store and consumer runtime produced:
 * loyalty-points (mismatches, missing, late, dead letters, a failing gate), confirmation-mail (clean, a passing gate)
 * and warehouse (not registered, no gate, only an A/A calibration). Diffs, errors and reasons carry markup an attacker chose.
 */
@WithPostgres
class ReportsIT {

    static final String EVIL = "</script><img src=x onerror=alert(1)>";
    /** Terminal colours in an exception message: control characters that HTML forbids. */
    private static final String COLOURED = " \u001b[31mred\u001b[0m";
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-24T11:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ReportedFlow> FLOWS = List.of(new ReportedFlow("loyalty-points", "loyalty"),
            new ReportedFlow("confirmation-mail", "mail"), new ReportedFlow("warehouse", null));

    private static DataSource dataSource;
    private static Map<String, GateVerdict> verdicts;
    private static CutoverReport report;

    @BeforeAll
    static void aShadowRun(Database database) throws Exception {
        dataSource = database.dataSource();
        FlagStoreSchema.migrate(dataSource);
        BridgeSchema.migrate(dataSource);
        ConsumerSchema.migrate(dataSource);
        ComparisonSchema.migrate(dataSource);

        FlagStore flags = FlagStore.jdbc(dataSource, Clock.fixed(T0.minus(Duration.ofHours(1)), ZoneOffset.UTC));
        flags.register("loyalty-points", "planned", "ops");
        flags.set("loyalty-points", Stage.SHADOW, "start comparing <b>now</b>", "alice");
        flags.register("confirmation-mail", "planned", "ops");
        flags.set("confirmation-mail", Stage.SHADOW, "start comparing", "alice");
        flags.set("confirmation-mail", Stage.canary(10), "clean for a week", "bob");

        ShadowRun run = new ShadowRun(dataSource, "loyalty-points", "confirmation-mail");
        // loyalty-points: 40 firings 3 minutes apart; 5 mismatches (one with markup), 2 missing in new, 1 late
        for (int i = 0; i < 40; i++) {
            Instant at = T0.plus(Duration.ofMinutes(3L * i));
            String key = "order-" + i;
            run.legacy("loyalty-points", key, "{\"points\": " + i + ", \"note\": \"ok\"}", at);
            if (i == 20 || i == 21) {
                continue;
            }
            String shadow = i % 10 == 3 ? "{\"points\": " + (i + 1) + ", \"note\": \"ok\"}"
                    : i == 7 ? "{\"points\": 7, \"note\": " + JSON.writeValueAsString(EVIL) + "}"
                    : "{\"points\": " + i + ", \"note\": \"ok\"}";
            run.shadow("loyalty-points", key, shadow, at.plus(i == 30 ? Duration.ofMinutes(5) : Duration.ofSeconds(2)));
        }
        run.shadow("loyalty-points", "ghost", "{\"points\": 1, \"note\": \"ok\"}", T0.plus(Duration.ofMinutes(50)));
        // confirmation-mail: 10 firings 10 minutes apart, all matching
        for (int i = 0; i < 10; i++) {
            Instant at = T0.plus(Duration.ofMinutes(10L * i));
            run.legacy("confirmation-mail", "mail-" + i, "{\"to\": \"c" + i + "@example.org\"}", at);
            run.shadow("confirmation-mail", "mail-" + i, "{\"to\": \"c" + i + "@example.org\"}", at.plusMillis(300));
        }
        // warehouse, still in LEGACY, calibrated: the legacy path fires 4 times twice, one of them differently
        for (int i = 0; i < 4; i++) {
            run.legacyOnly("warehouse", "w-" + i, "{\"sku\": " + i + "}", T0.plus(Duration.ofMinutes(i)));
            run.legacyOnly("warehouse", "w-" + i, "{\"sku\": " + (i == 2 ? -1 : i) + "}",
                    T0.plus(Duration.ofMinutes(10 + i)));
        }
        run.compareAt(T0.plus(Duration.ofHours(2)));

        deadLetters(database);

        Instant evaluated = NOW.minusSeconds(30);
        verdicts = Map.of(
                "loyalty-points", new GateVerdict("loyalty-points", evaluated, List.of(
                        new GateCheck("min-compared", ">= 30", "41", true),
                        new GateCheck("min-match-rate", ">= 99.9 %", "78.04 % (32 of 41)", false))),
                "confirmation-mail", new GateVerdict("confirmation-mail", evaluated, List.of(
                        new GateCheck("min-match-rate", ">= 99.9 %", "100 % (10 of 10)", true))));
        report = Reports.of(dataSource, Clock.fixed(NOW, ZoneOffset.UTC)).build(FLOWS, verdicts);
    }

    /**
     * Three events the loyalty consumer cannot handle, one failing with markup in its message: three dead letters
     * through the real runtime, of which an operator skips one.
     */
    private static void deadLetters(Database database) throws SQLException {
        EventLog log = EventLog.postgres(dataSource, Clock.systemUTC());
        List<EventEnvelope> poison = Stream.of("k1", "k2", "k3").map(key -> {
            ObjectNode data = JSON.createObjectNode().put("order_id", key);
            return new EventEnvelope(UUID.randomUUID(), "OrderConfirmed", 1, T0, new EventSource("shop", "shop",
                    "orders", 1000 + key.hashCode(), 7), key, null, null, data);
        }).toList();
        try (Connection connection = database.connect(); PreparedStatement stamp = connection.prepareStatement(
                "insert into cutover.decision_stamp (flow, occurrence_key, decision, stage, canary_percent, decided_at)"
                        + " values ('loyalty-points', ?, 'SHADOW', 'SHADOW', 0, now())")) {
            for (EventEnvelope event : poison) {
                stamp.setString(1, "dl-" + event.partitionKey());
                stamp.executeUpdate();
            }
        }
        log.append(poison);
        Consumer failing = Consumer.named("loyalty")
                .accepts(Accepts.of("OrderConfirmed", 1))
                .fires("loyalty-points", event -> "dl-" + event.partitionKey())
                .handles((event, effects) -> {
                    throw new IllegalStateException("no points for " + event.partitionKey()
                            + ("k2".equals(event.partitionKey()) ? " " + EVIL + COLOURED : ""));
                });
        RuntimeSettings settings = RuntimeSettings.custom().workers(2).maxAttempts(2)
                .fallbackPoll(Duration.ofMillis(200)).retryDelays(planned -> Duration.ZERO).build();
        try (ConsumerRuntime runtime = ConsumerRuntime.builder(dataSource).settings(settings).consumer(failing)
                .start()) {
            await("three dead letters").atMost(Duration.ofSeconds(60))
                    .until(() -> runtime.deadLetters("loyalty").size() == 3);
            runtime.skip("loyalty", poison.get(0).eventId(), "not worth points", "alice").join();
        }
    }

    @Test
    void theJsonGivesCountsRatesLagSamplesDeadLettersAndVerdictPerFlowAndOverall() throws Exception {
        JsonNode json = JSON.readTree(ReportWriter.json(report));

        assertThat(json.get("generated_at").asText()).isEqualTo("2026-11-24T11:00:00Z");
        JsonNode totals = json.get("totals");
        assertThat(totals.get("flows").asInt()).isEqualTo(3);
        assertThat(totals.get("compared").asLong()).isEqualTo(51);
        assertThat(totals.get("match_rate").asDouble()).isCloseTo(42.0 / 51, within(1e-9));
        assertThat(totals.get("outcomes")).isEqualTo(outcomes(42, 5, 2, 1, 1));
        assertThat(totals.get("open_dead_letters").asLong()).isEqualTo(2);
        assertThat(List.of(totals.get("gates_passed").asInt(), totals.get("gates_failed").asInt(),
                totals.get("without_gate").asInt())).containsExactly(1, 1, 1);
        // 117 minutes of firings: 2-minute buckets are the finest that keep a chart at 60 points or fewer
        assertThat(json.get("timeline").get("from").asText()).isEqualTo("2026-11-24T08:00:00Z");
        assertThat(json.get("timeline").get("to").asText()).isEqualTo("2026-11-24T09:57:00Z");
        assertThat(json.get("timeline").get("bucket_seconds").asLong()).isEqualTo(120);

        JsonNode points = json.get("flows").get(0);
        assertThat(points.get("flow").asText()).isEqualTo("loyalty-points");
        assertThat(points.get("consumer").asText()).isEqualTo("loyalty");
        assertThat(points.get("stage").asText()).isEqualTo("SHADOW");
        assertThat(points.get("stage_history")).hasSize(2);
        assertThat(points.get("stage_history").get(1).get("to").asText()).isEqualTo("SHADOW");
        assertThat(points.get("stage_history").get(1).get("reason").asText()).isEqualTo("start comparing <b>now</b>");
        assertThat(points.get("stage_history").get(0).get("from").isNull()).isTrue();
        assertThat(points.get("compared").asLong()).isEqualTo(41);
        assertThat(points.get("match_rate").asDouble()).isCloseTo(32.0 / 41, within(1e-9));
        assertThat(points.get("outcomes")).isEqualTo(outcomes(32, 5, 2, 1, 1));
        // 40 firings, each in its own 2-minute bucket; the ghost shares order-17's bucket (minute 50 to 52)
        JsonNode overTime = points.get("match_rate_over_time");
        assertThat(overTime).hasSize(40);
        assertThat(overTime.get(0).get("start").asText()).isEqualTo("2026-11-24T08:00:00Z");
        JsonNode shared = overTime.get(17);
        assertThat(shared.get("start").asText()).isEqualTo("2026-11-24T08:50:00Z");
        assertThat(List.of(shared.get("compared").asLong(), shared.get("matched").asLong())).containsExactly(2L, 1L);
        assertThat(shared.get("match_rate").asDouble()).isEqualTo(0.5);
        assertThat(overTime.get(20).get("match_rate").asDouble()).isZero(); // order-20: missing in new
        // 37 pairs 2 s apart and the late one after 5 minutes
        assertThat(points.get("lag")).isEqualTo(JSON.readTree("{\"p50_ms\":2000,\"p95_ms\":2000,\"p99_ms\":300000}"));

        JsonNode samples = points.get("mismatch_samples");
        assertThat(samples).hasSize(5);
        assertThat(samples).extracting(sample -> sample.get("occurrence_key").asText())
                .containsExactlyInAnyOrder("order-3", "order-7", "order-13", "order-23", "order-33");
        JsonNode marked = find(samples, "occurrence_key", "order-7");
        assertThat(marked.get("outcome").asText()).isEqualTo("MISMATCH");
        assertThat(marked.get("lag_ms").asLong()).isEqualTo(2000);
        assertThat(marked.get("diff")).isEqualTo(JSON.readTree(
                "[{\"op\":\"replace\",\"path\":\"/note\",\"fromValue\":\"ok\",\"value\":" + JSON.writeValueAsString(EVIL)
                        + "}]"));

        JsonNode dead = points.get("dead_letters");
        assertThat(dead.get("open").asLong()).isEqualTo(2);
        assertThat(dead.get("recent")).extracting(letter -> letter.get("partition_key").asText())
                .containsExactlyInAnyOrder("k2", "k3");
        assertThat(find(dead.get("recent"), "partition_key", "k2").get("error").asText())
                .contains("no points for k2 " + EVIL + COLOURED);
        assertThat(find(dead.get("recent"), "partition_key", "k3").get("attempts").asInt()).isEqualTo(2);
        assertThat(find(dead.get("recent"), "partition_key", "k3").get("event_type").asText()).isEqualTo("OrderConfirmed");

        JsonNode gate = points.get("gate");
        assertThat(gate.get("passed").asBoolean()).isFalse();
        assertThat(gate.get("evaluated_at").asText()).isEqualTo("2026-11-24T10:59:30Z");
        assertThat(gate.get("checks")).hasSize(2);
        assertThat(gate.get("checks").get(1).get("name").asText()).isEqualTo("min-match-rate");
        assertThat(gate.get("checks").get(1).get("passed").asBoolean()).isFalse();

        JsonNode mail = json.get("flows").get(1);
        assertThat(mail.get("stage").asText()).isEqualTo("CANARY 10%");
        assertThat(mail.get("stage_history")).hasSize(3);
        assertThat(mail.get("compared").asLong()).isEqualTo(10);
        assertThat(mail.get("match_rate").asDouble()).isEqualTo(1.0);
        assertThat(mail.get("match_rate_over_time")).hasSize(10);
        assertThat(mail.get("lag").get("p99_ms").asLong()).isEqualTo(300);
        assertThat(mail.get("mismatch_samples")).isEmpty();
        assertThat(mail.get("dead_letters").get("open").asLong()).isZero();
        assertThat(mail.get("gate").get("passed").asBoolean()).isTrue();
        assertThat(mail.get("calibration").isNull()).isTrue(); // its firings were never repeated

        JsonNode warehouse = json.get("flows").get(2);
        assertThat(warehouse.get("stage").isNull()).isTrue();
        assertThat(warehouse.get("consumer").isNull()).isTrue();
        assertThat(warehouse.get("compared").asLong()).isZero();
        assertThat(warehouse.get("match_rate").isNull()).isTrue();
        assertThat(warehouse.get("lag").isNull()).isTrue();
        assertThat(warehouse.get("gate").isNull()).isTrue();
        assertThat(warehouse.get("match_rate_over_time")).isEmpty();
        assertThat(warehouse.get("calibration")).isEqualTo(JSON.readTree("{\"compared\": 4, \"match_rate\": 0.75}"));
    }

    @Test
    void theHtmlIsWellFormedSelfContainedAndChartsEveryBucketOutcomeAndPercentile() throws Exception {
        String html = ReportWriter.html(report);
        Document page = parse(html);

        assertThat(charts(section(page, "flow-1"), "rate-chart")).singleElement()
                .satisfies(chart -> assertThat(elements(chart, "circle")).hasSize(40));
        assertThat(charts(section(page, "flow-2"), "rate-chart")).singleElement()
                .satisfies(chart -> assertThat(elements(chart, "circle")).hasSize(10));
        assertThat(charts(section(page, "flow-3"), "rate-chart")).isEmpty();
        assertThat(charts(section(page, "flow-1"), "lag-chart")).singleElement()
                .satisfies(chart -> assertThat(elements(chart, "rect")).hasSize(3));
        assertThat(charts(section(page, "flow-3"), "lag-chart")).isEmpty();
        // one stacked bar per flow: a segment per outcome that occurred (5 for loyalty-points, 1 for the mail)
        assertThat(charts(page.getDocumentElement(), "outcome-chart")).singleElement().satisfies(chart -> assertThat(
                elements(chart, "rect").stream().filter(rect -> rect.getAttribute("class").equals("segment")))
                .hasSize(6));
        assertThat(html).contains(">0 %</text>", ">100 %</text>"); // the rate axis
        assertThat(section(page, "flow-1").getTextContent()).contains("gate fails", "min-match-rate",
                "78.04 % (32 of 41)", "2 parked");
        assertThat(section(page, "flow-3").getTextContent())
                .contains("A/A calibration: the legacy path agrees with itself in 75 % of 4 repeated firings");
        assertThat(section(page, "flow-3").getTextContent()).contains("No comparisons yet for this flow", "no gate",
                "not registered");
    }

    @Test
    void markupInDiffsErrorsAndReasonsIsShownAsTextNeverAsMarkup() throws Exception {
        String html = ReportWriter.html(report);
        Document page = parse(html);

        String text = page.getDocumentElement().getTextContent();
        assertThat(text).contains("\"value\" : \"" + EVIL + "\"") // in the raw diff
                .contains("no points for k2 " + EVIL + " \uFFFD[31mred\uFFFD[0m")
                .contains("start comparing <b>now</b>");
        for (String forbidden : List.of("script", "img", "b", "iframe", "object", "embed", "link", "image")) {
            assertThat(page.getElementsByTagName(forbidden).getLength()).as("<%s> elements", forbidden).isZero();
        }
        assertThat(allAttributes(page.getDocumentElement())).allSatisfy(attribute -> {
            assertThat(attribute[0]).as("attribute names").doesNotStartWith("on").isNotEqualTo("src");
            if (attribute[0].equals("href")) {
                assertThat(attribute[1]).as("links stay in the page").startsWith("#");
            }
        });
        assertThat(html).doesNotContain("http://", "https://", "<img", "<script", "url(", "@import");
    }

    @Test
    void writeReplacesBothFilesAndTheJsonReadsBackToTheSameReport(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ReportWriter.HTML_FILE), "an older report");

        ReportFiles files = ReportWriter.write(report, dir);

        assertThat(files.json()).isEqualTo(dir.resolve("report.json"));
        assertThat(files.html()).isEqualTo(dir.resolve("report.html"));
        assertThat(Files.readString(files.json())).isEqualTo(ReportWriter.json(report));
        assertThat(Files.readString(files.html())).isEqualTo(ReportWriter.html(report));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("no temporary file left").hasSize(2);
        }
        Path ordinary = Files.createFile(dir.resolve("ordinary"));
        assertThat(Files.getPosixFilePermissions(files.html())).as("readable as any file the user writes")
                .isEqualTo(Files.getPosixFilePermissions(ordinary));
        Files.delete(ordinary);
        assertThat(ReportWriter.read(files.json())).isEqualTo(report);

        Files.delete(files.html());
        assertThat(ReportWriter.renderHtml(files.json())).isEqualTo(files.html());
        assertThat(Files.readString(files.html())).isEqualTo(ReportWriter.html(report));
    }

    @Test
    void aFlowReportedTwiceAnUnreadableJsonOrAnUnwritableDirectoryIsRefusedWithTheReason(@TempDir Path dir)
            throws Exception {
        Reports reports = Reports.of(dataSource, Clock.systemUTC());
        List<ReportedFlow> twice = List.of(new ReportedFlow("a", null), new ReportedFlow("a", "x"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> reports.build(twice, Map.of())).withMessageContaining("each flow can be reported once");

        Path notAReport = Files.writeString(dir.resolve("report.json"), "{\"generated_at\": ");
        assertThatThrownBy(() -> ReportWriter.read(notAReport))
                .isInstanceOf(ReportException.class).hasMessageContaining(notAReport.toString());

        Path aFile = Files.writeString(dir.resolve("not-a-directory"), "");
        assertThatThrownBy(() -> ReportWriter.write(report, aFile)).isInstanceOf(ReportException.class)
                .hasMessageStartingWith("cannot write the report into " + aFile);
    }

    private static JsonNode outcomes(int match, int mismatch, int missingInNew, int missingInLegacy, int late)
            throws Exception {
        return JSON.readTree(String.format("{\"match\": %d, \"mismatch\": %d, \"missing_in_new\": %d,"
                + " \"missing_in_legacy\": %d, \"late\": %d}", match, mismatch, missingInNew, missingInLegacy, late));
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (element.get(field).asText().equals(value)) {
                return element;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }

    /** Parses the page as XML: it must be well-formed, and markup smuggled in through data would show as elements. */
    static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element section(Document page, String id) {
        return elements(page.getDocumentElement(), "section").stream().filter(s -> s.getAttribute("id").equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no section " + id));
    }

    static List<Element> charts(Element within, String kind) {
        return elements(within, "svg").stream().filter(svg -> svg.getAttribute("class").contains(kind)).toList();
    }

    static List<Element> elements(Element within, String tag) {
        NodeList nodes = within.getElementsByTagName(tag);
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
    }

    private static List<String[]> allAttributes(Element root) {
        return elements(root, "*").stream().flatMap(element -> {
            NamedNodeMap attributes = element.getAttributes();
            return IntStream.range(0, attributes.getLength())
                    .mapToObj(i -> new String[] {attributes.item(i).getNodeName(), attributes.item(i).getNodeValue()});
        }).toList();
    }
}
