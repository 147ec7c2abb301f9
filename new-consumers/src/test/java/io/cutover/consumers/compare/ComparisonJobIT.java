package io.cutover.consumers.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.cutover.consumers.compare.spi.RecordedEffect;
import io.cutover.consumers.shadow.ShadowEffect;
import io.cutover.consumers.shadow.ShadowEffects;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class ComparisonJobIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper SORTED = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final String POINTS = "loyalty-points";

    private static Database database;
    private static DataSource dataSource;

    private final TestClock clock = new TestClock(T0);
    private final ComparatorConfig config = ComparatorConfig.custom()
            .flow(POINTS, FlowRules.custom().lagWindow(Duration.ofMinutes(1)).ignoring("/recorded_at").build())
            .build();

    @BeforeAll
    static void migrate(Database db) {
        database = db;
        dataSource = db.dataSource();
        FlagStoreSchema.migrate(dataSource);
        ShadowEffects.migrate(dataSource);
        ComparisonSchema.migrate(dataSource);
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        execute("truncate cutover.effect_journal, cutover.decision_stamp, cutover.shadow_effect,"
                + " cutover.comparison_pending, cutover.comparison_result, cutover.comparison_checkpoint");
    }

    private ComparisonJob shadowJob() {
        return ComparisonJob.shadow(dataSource, config, EffectSources.journal(dataSource, clock, Duration.ZERO),
                EffectSources.shadowEffects(dataSource, clock, Duration.ZERO), clock);
    }

    @Test
    void pairsMatchesAndMismatchesThenReportsLoneEffectsMissingOnceTheirWindowHasPassed() throws Exception {
        long legacy1 = journal(POINTS, "1", "{'points':49,'recorded_at':'a'}", T0, "SHADOW");
        long shadow1 = shadow(POINTS, "1", "{'points':49,'recorded_at':'b'}", T0.plusSeconds(2));
        long legacy2 = journal(POINTS, "2", "{'points':49}", T0, "SHADOW");
        long shadow2 = shadow(POINTS, "2", "{'points':50}", T0.plusSeconds(3));
        journal(POINTS, "3", "{'points':10}", T0, "SHADOW");
        shadow(POINTS, "4", "{'points':10}", T0.plusSeconds(1));
        journal(POINTS, "legacy-only", "{'points':1}", T0, "LEGACY"); // no shadow run expected: not compared
        clock.at(T0.plusSeconds(10));

        ComparisonRun first = shadowJob().run();

        assertThat(first.legacyRead()).isEqualTo(2 + 1);
        assertThat(first.shadowRead()).isEqualTo(3);
        assertThat(first.concluded()).isEqualTo(Map.of(Outcome.MATCH, 1, Outcome.MISMATCH, 1));
        assertThat(results()).containsExactly(
                POINTS + "/1 MATCH legacy=" + legacy1 + " shadow=" + shadow1 + " lag=2000 diff=null",
                POINTS + "/2 MISMATCH legacy=" + legacy2 + " shadow=" + shadow2 + " lag=3000 diff=[{\"fromValue\":49,\"op\":\"replace\",\"path\":\"/points\",\"value\":50}]");

        ComparisonRun second = shadowJob().run();
        assertThat(second.concluded()).isEmpty(); // the window of 3 and 4 is still open

        clock.at(T0.plusSeconds(61));
        ComparisonRun third = shadowJob().run();

        assertThat(third.concluded()).isEqualTo(Map.of(Outcome.MISSING_IN_NEW, 1, Outcome.MISSING_IN_LEGACY, 1));
        assertThat(counters(POINTS)).isEqualTo(counters(4, 1, 1, 1, 1, 0));
    }

    @Test
    void aShadowEffectArrivingAfterTheWindowTurnsTheMissingVerdictIntoLateWithoutCountingTwice() throws Exception {
        long legacy = journal(POINTS, "5", "{'points':7}", T0, "SHADOW");
        clock.at(T0.plus(Duration.ofMinutes(2)));
        assertThat(shadowJob().run().concluded()).isEqualTo(Map.of(Outcome.MISSING_IN_NEW, 1));

        long late = shadow(POINTS, "5", "{'points':8}", T0.plus(Duration.ofMinutes(5)));
        clock.at(T0.plus(Duration.ofMinutes(6)));
        ComparisonRun run = shadowJob().run();

        assertThat(run.concluded()).isEqualTo(Map.of(Outcome.LATE, 1));
        assertThat(results()).containsExactly(POINTS + "/5 LATE legacy=" + legacy + " shadow=" + late
                + " lag=300000 diff=[{\"fromValue\":7,\"op\":\"replace\",\"path\":\"/points\",\"value\":8}]");
        assertThat(counters(POINTS)).isEqualTo(counters(1, 0, 0, 0, 0, 1));
    }

    @Test
    void anEffectUnpairedForLongerThanKeepUnpairedForStaysMissingForGood() throws Exception {
        journal(POINTS, "7", "{'points':1}", T0, "SHADOW");
        clock.at(T0.plus(Duration.ofMinutes(2)));
        shadowJob().run();
        clock.at(T0.plus(ComparatorConfig.DEFAULT_KEEP_UNPAIRED_FOR).plusSeconds(1));
        shadowJob().run();
        assertThat(count("select count(*) from cutover.comparison_pending")).isZero();

        shadow(POINTS, "7", "{'points':1}", clock.instant());
        clock.advance(Duration.ofMinutes(2));
        assertThat(shadowJob().run().concluded()).isEqualTo(Map.of(Outcome.MISSING_IN_LEGACY, 1));
        assertThat(counters(POINTS)).isEqualTo(counters(2, 0, 0, 1, 1, 0));
    }

    @Test
    void aLegacyEffectSeenAfterItsShadowWasReportedMissingStillPairs() throws Exception {
        shadow(POINTS, "6", "{'points':3}", T0);
        clock.at(T0.plus(Duration.ofMinutes(3)));
        assertThat(shadowJob().run().concluded()).isEqualTo(Map.of(Outcome.MISSING_IN_LEGACY, 1));

        // recorded within the window, only visible now (a slow CDC feed): an in-time match after all
        journal(POINTS, "6", "{'points':3}", T0.minusSeconds(20), "SHADOW");
        assertThat(shadowJob().run().concluded()).isEqualTo(Map.of(Outcome.MATCH, 1));
        assertThat(counters(POINTS)).isEqualTo(counters(1, 1, 0, 0, 0, 0));
    }

    @Test
    void reRunningOrReReadingTheSourcesFromTheStartDoesNotCountAnythingTwice() throws Exception {
        journal(POINTS, "1", "{'points':1}", T0, "SHADOW");
        shadow(POINTS, "1", "{'points':1}", T0.plusSeconds(1));
        journal(POINTS, "2", "{'points':2}", T0, "SHADOW");
        shadow(POINTS, "3", "{'points':3}", T0);
        clock.at(T0.plus(Duration.ofMinutes(2)));
        shadowJob().run();
        List<String> before = results();

        shadowJob().run();
        execute("update cutover.comparison_checkpoint set position = 0"); // a source delivering again from the start
        ComparisonRun again = shadowJob().run();

        assertThat(again.legacyRead()).isEqualTo(2);
        assertThat(again.concluded()).isEmpty();
        assertThat(results()).isEqualTo(before);
        assertThat(counters(POINTS)).isEqualTo(counters(3, 1, 0, 1, 1, 0));
    }

    @Test
    void twoRunsAtTheSameTimeTakeTurnsAndTogetherCountEachFiringOnce() throws Exception {
        for (int i = 0; i < 40; i++) {
            journal(POINTS, "c" + i, "{'points':" + i + "}", T0, "SHADOW");
            shadow(POINTS, "c" + i, "{'points':" + (i % 10 == 0 ? -1 : i) + "}", T0.plusSeconds(1));
        }
        clock.at(T0.plusSeconds(30));
        ComparatorConfig smallBatches = ComparatorConfig.custom().batchSize(3)
                .flow(POINTS, config.rulesFor(POINTS)).build();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<ComparisonRun>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(threads.submit(() -> ComparisonJob.shadow(dataSource, smallBatches,
                        EffectSources.journal(dataSource, clock, Duration.ZERO),
                        EffectSources.shadowEffects(dataSource, clock, Duration.ZERO), clock).run()));
            }
            int matched = 0;
            int read = 0;
            for (Future<ComparisonRun> run : runs) {
                matched += run.get(1, TimeUnit.MINUTES).concluded(Outcome.MATCH);
                read += run.get().legacyRead();
            }
            assertThat(matched).isEqualTo(36);
            assertThat(read).isEqualTo(40);
        } finally {
            threads.shutdownNow();
        }
        assertThat(counters(POINTS)).isEqualTo(counters(40, 36, 4, 0, 0, 0));
    }

    @Test
    void effectsOfOneFiringArePairedOldestFirstAcrossSmallBatches() throws Exception {
        ComparatorConfig smallBatches = ComparatorConfig.custom().batchSize(2)
                .flow(POINTS, config.rulesFor(POINTS)).build();
        clock.at(T0.plusSeconds(30));
        for (int i = 0; i < 5; i++) {
            journal(POINTS, "k" + i, "{'points':" + i + "}", T0.plusSeconds(i), "SHADOW");
        }
        // one firing journaled twice (a legacy retry): its two shadow effects pair in the same order
        journal(POINTS, "k0", "{'points':100}", T0.plusSeconds(10), null);
        shadow(POINTS, "k0", "{'points':100}", T0.plusSeconds(11));
        for (int i = 0; i < 5; i++) {
            shadow(POINTS, "k" + i, "{'points':" + i + "}", T0.plusSeconds(i + 1));
        }

        ComparisonRun run = ComparisonJob.shadow(dataSource, smallBatches,
                EffectSources.journal(dataSource, clock, Duration.ZERO),
                EffectSources.shadowEffects(dataSource, clock, Duration.ZERO), clock).run();

        assertThat(run.legacyRead()).isEqualTo(6);
        assertThat(run.shadowRead()).isEqualTo(6);
        assertThat(run.concluded()).isEqualTo(Map.of(Outcome.MATCH, 6));
    }

    @Test
    void theSummaryGivesCountsMatchRateLagPercentilesAndMismatchSamples() throws Exception {
        for (int i = 1; i <= 10; i++) {
            journal(POINTS, "s" + i, "{'points':" + i + "}", T0, "SHADOW");
            shadow(POINTS, "s" + i, "{'points':" + (i == 7 ? 70 : i) + "}", T0.plusSeconds(i));
        }
        journal(POINTS, "lonely", "{'points':0}", T0, "SHADOW");
        journal("audit", "a1", "{'entry':'x'}", T0, "SHADOW");
        shadow("audit", "a1", "{'entry':'x'}", T0.plusMillis(250));
        clock.at(T0.plus(Duration.ofMinutes(2)));
        shadowJob().run();

        FlowSummary points = ComparisonResults.of(dataSource).summary(ComparisonMode.SHADOW, POINTS, 5).orElseThrow();

        assertThat(points.compared()).isEqualTo(11);
        assertThat(points.count(Outcome.MATCH)).isEqualTo(9);
        assertThat(points.count(Outcome.MISMATCH)).isEqualTo(1);
        assertThat(points.count(Outcome.MISSING_IN_NEW)).isEqualTo(1);
        assertThat(points.count(Outcome.LATE)).isZero();
        assertThat(points.matchRate()).isEqualTo(9.0 / 11);
        assertThat(points.lagP50()).isEqualTo(Duration.ofSeconds(5));
        assertThat(points.lagP95()).isEqualTo(Duration.ofSeconds(10));
        assertThat(points.lagP99()).isEqualTo(Duration.ofSeconds(10));
        assertThat(points.samples()).singleElement().satisfies(sample -> {
            assertThat(sample.occurrenceKey()).isEqualTo("s7");
            assertThat(sample.outcome()).isEqualTo(Outcome.MISMATCH);
            assertThat(sample.lagMillis()).isEqualTo(7000);
            assertThat(sample.diff()).isEqualTo(
                    json("[{'op':'replace','path':'/points','fromValue':7,'value':70}]"));
        });

        List<FlowSummary> all = ComparisonResults.of(dataSource).summaries(ComparisonMode.SHADOW, 0);
        assertThat(all).extracting(FlowSummary::flow).containsExactly("audit", POINTS);
        assertThat(all.get(0).matchRate()).isEqualTo(1.0);
        assertThat(all.get(0).lagP99()).isEqualTo(Duration.ofMillis(250));
        assertThat(all.get(1).samples()).isEmpty();
        assertThat(ComparisonResults.of(dataSource).summaries(ComparisonMode.CALIBRATION, 5)).isEmpty();
    }

    @Test
    void calibrationComparesEachLegacyFiringWithItsRepetitionApartFromTheRealComparison() throws Exception {
        ComparatorConfig rules = ComparatorConfig.custom()
                .flow("audit", FlowRules.custom().ignoring("/at").build()).build();
        journal("audit", "a", "{'entry':'order 1','at':1}", T0, null);
        journal("audit", "b", "{'entry':'order 2','at':1}", T0, null);
        journal("audit", "c", "{'entry':'order 3','at':1}", T0, null); // never repeated: no verdict
        journal("audit", "a", "{'entry':'order 1','at':2}", T0.plusSeconds(30), null);
        journal("audit", "b", "{'entry':'order 2 ','at':2}", T0.plusSeconds(30), null);
        journal("audit", "a", "{'entry':'order 1','at':3}", T0.plusSeconds(60), null); // waits for a fourth
        clock.at(T0.plus(Duration.ofHours(1)));
        ComparisonJob calibration = ComparisonJob.calibration(dataSource, rules,
                EffectSources.wholeJournal(dataSource, clock, Duration.ZERO), clock);

        ComparisonRun run = calibration.run();
        calibration.run();

        assertThat(run.legacyRead()).isEqualTo(6);
        assertThat(run.concluded()).isEqualTo(Map.of(Outcome.MATCH, 1, Outcome.MISMATCH, 1));
        FlowSummary noise = ComparisonResults.of(dataSource).summary(ComparisonMode.CALIBRATION, "audit", 5)
                .orElseThrow();
        assertThat(noise.compared()).isEqualTo(2);
        assertThat(noise.matchRate()).isEqualTo(0.5);
        assertThat(noise.lagP50()).isEqualTo(Duration.ofSeconds(30));
        assertThat(noise.samples()).singleElement().extracting(MismatchSample::diff)
                .isEqualTo(json("[{'op':'replace','path':'/entry','fromValue':'order 2','value':'order 2 '}]"));
        assertThat(ComparisonResults.of(dataSource).summaries(ComparisonMode.SHADOW, 5)).isEmpty();

        clock.advance(ComparatorConfig.DEFAULT_KEEP_UNPAIRED_FOR);
        calibration.run();
        assertThat(count("select count(*) from cutover.comparison_pending")).isZero();
    }

    @Test
    void theTableSourceHoldsBackRowsYoungerThanTheSettleTimeAndEverythingAfterThem() throws Exception {
        long first = shadow(POINTS, "1", "{}", T0);
        shadow(POINTS, "2", "{}", T0.plusSeconds(8));
        shadow(POINTS, "3", "{}", T0);
        clock.at(T0.plusSeconds(10));

        List<RecordedEffect> settled = EffectSources.shadowEffects(dataSource, clock, Duration.ofSeconds(5)).after(0, 10);
        assertThat(settled).extracting(RecordedEffect::id).containsExactly(first);

        clock.at(T0.plusSeconds(13));
        assertThat(EffectSources.shadowEffects(dataSource, clock, Duration.ofSeconds(5)).after(first, 10))
                .extracting(RecordedEffect::occurrenceKey).containsExactly("2", "3");
    }

    // ---- fixtures: rows go through the real tables

    private static long journal(String flow, String key, String effect, Instant at, String decision)
            throws SQLException {
        try (Connection connection = database.connect()) {
            if (decision != null) {
                try (PreparedStatement stamp = connection.prepareStatement(
                        "insert into cutover.decision_stamp (flow, occurrence_key, decision, stage, canary_percent,"
                                + " decided_at) values (?, ?, ?, ?, 0, ?) on conflict do nothing")) {
                    stamp.setString(1, flow);
                    stamp.setString(2, key);
                    stamp.setString(3, decision);
                    stamp.setString(4, decision);
                    stamp.setTimestamp(5, Timestamp.from(at));
                    stamp.executeUpdate();
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into cutover.effect_journal (flow, occurrence_key, effect, recorded_at)"
                            + " values (?, ?, cast(? as jsonb), ?) returning id")) {
                insert.setString(1, flow);
                insert.setString(2, key);
                insert.setString(3, effect.replace('\'', '"'));
                insert.setTimestamp(4, Timestamp.from(at));
                try (ResultSet id = insert.executeQuery()) {
                    id.next();
                    return id.getLong(1);
                }
            }
        }
    }

    private static long shadow(String flow, String key, String effect, Instant at) throws Exception {
        try (Connection connection = database.connect()) {
            ShadowEffects.record(connection, new ShadowEffect(flow, key, flow + "-consumer", UUID.randomUUID(),
                    json(effect), at));
        }
        return count("select max(id) from cutover.shadow_effect");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The pairs among the results, one readable line each. */
    private static List<String> results() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select flow, occurrence_key, outcome, legacy_id, shadow_id,"
                     + " lag_ms, diff::text from cutover.comparison_result where outcome not like 'MISSING%'"
                     + " order by flow, occurrence_key")) {
            while (rows.next()) {
                lines.add(rows.getString(1) + "/" + rows.getString(2) + " " + rows.getString(3)
                        + " legacy=" + rows.getLong(4) + " shadow=" + rows.getLong(5)
                        + " lag=" + rows.getLong(6) + " diff=" + sorted(rows.getString(7)));
            }
        }
        return lines;
    }

    /** jsonb reorders members: the diff with sorted members, so that expectations read the same every time. */
    private static String sorted(String json) {
        try {
            return json == null ? "null" : SORTED.writeValueAsString(JSON.readValue(json, Object.class));
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }

    private static Map<String, Long> counters(String flow) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement select = connection.prepareStatement("select compared, matched, mismatched,"
                     + " missing_in_new, missing_in_legacy, late from cutover.comparison_counter"
                     + " where mode = 'SHADOW' and flow = ?")) {
            select.setString(1, flow);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return counters(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5),
                        row.getLong(6));
            }
        }
    }

    private static Map<String, Long> counters(long compared, long matched, long mismatched, long missingInNew,
                                              long missingInLegacy, long late) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("compared", compared);
        counters.put("matched", matched);
        counters.put("mismatched", mismatched);
        counters.put("missing_in_new", missingInNew);
        counters.put("missing_in_legacy", missingInLegacy);
        counters.put("late", late);
        return counters;
    }
}
