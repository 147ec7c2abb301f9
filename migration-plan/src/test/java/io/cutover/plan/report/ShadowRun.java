package io.cutover.plan.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cutover.consumers.compare.ComparatorConfig;
import io.cutover.consumers.compare.ComparisonJob;
import io.cutover.consumers.compare.EffectSources;
import io.cutover.consumers.compare.FlowRules;
import io.cutover.consumers.shadow.ShadowEffect;
import io.cutover.consumers.shadow.ShadowEffects;

/**
 * A shadow comparison fed as the real paths feed it: the legacy side as the shim writes it (decision stamp and
 * effect journal in one transaction), the new side through {@link ShadowEffects}, compared by the real
 * {@link ComparisonJob}. Every flow has a one-minute lag window.
 */
final class ShadowRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final ComparatorConfig.Builder rules = ComparatorConfig.custom();

    ShadowRun(DataSource dataSource, String... flows) {
        this.dataSource = dataSource;
        for (String flow : flows) {
            rules.flow(flow, FlowRules.custom().lagWindow(Duration.ofMinutes(1)).build());
        }
    }

    /** The legacy path acted in SHADOW: its stamp and journal entry, committed together. */
    ShadowRun legacy(String flow, String key, String effect, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement stamp = connection.prepareStatement(
                    "insert into cutover.decision_stamp (flow, occurrence_key, decision, stage, canary_percent,"
                            + " decided_at) values (?, ?, 'SHADOW', 'SHADOW', 0, ?)")) {
                stamp.setString(1, flow);
                stamp.setString(2, key);
                stamp.setTimestamp(3, Timestamp.from(at));
                stamp.executeUpdate();
            }
            journal(connection, flow, key, effect, at);
            connection.commit();
        }
        return this;
    }

    /** The legacy path acting in LEGACY (no SHADOW stamp): journaled for the A/A calibration only. */
    ShadowRun legacyOnly(String flow, String key, String effect, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            journal(connection, flow, key, effect, at);
        }
        return this;
    }

    private static void journal(Connection connection, String flow, String key, String effect, Instant at)
            throws SQLException {
        try (PreparedStatement journal = connection.prepareStatement(
                "insert into cutover.effect_journal (flow, occurrence_key, effect, recorded_at)"
                        + " values (?, ?, cast(? as jsonb), ?)")) {
            journal.setString(1, flow);
            journal.setString(2, key);
            journal.setString(3, effect);
            journal.setTimestamp(4, Timestamp.from(at));
            journal.executeUpdate();
        }
    }

    /** The new consumer's would-be effect. */
    ShadowRun shadow(String flow, String key, String effect, Instant at) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            ShadowEffects.record(connection, new ShadowEffect(flow, key, flow + "-consumer", UUID.randomUUID(),
                    JSON.readTree(effect), at));
        }
        return this;
    }

    /** Compares everything recorded, as the job would at {@code now}: the shadow comparison and the calibration. */
    void compareAt(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        ComparatorConfig config = rules.build();
        ComparisonJob.shadow(dataSource, config, EffectSources.journal(dataSource, clock, Duration.ZERO),
                EffectSources.shadowEffects(dataSource, clock, Duration.ZERO), clock).run();
        ComparisonJob.calibration(dataSource, config, EffectSources.wholeJournal(dataSource, clock, Duration.ZERO),
                clock).run();
    }
}
