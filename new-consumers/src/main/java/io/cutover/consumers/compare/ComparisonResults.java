package io.cutover.consumers.compare;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the stored results back as per-flow summaries (the reports' input). Read-only. */
public final class ComparisonResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    private ComparisonResults(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public static ComparisonResults of(DataSource dataSource) {
        return new ComparisonResults(dataSource);
    }

    /** Every flow with at least one result in this mode, by flow name. */
    public List<FlowSummary> summaries(ComparisonMode mode, int samplesPerFlow) {
        return query(mode, null, samplesPerFlow);
    }

    /** The flow's summary; empty when it has no result in this mode. */
    public Optional<FlowSummary> summary(ComparisonMode mode, String flow, int samples) {
        return query(mode, Objects.requireNonNull(flow, "flow"), samples).stream().findFirst();
    }

    private List<FlowSummary> query(ComparisonMode mode, String flow, int samples) {
        if (samples < 0) {
            throw new ComparisonException("samples must not be negative, was " + samples);
        }
        String onlyFlow = flow == null ? "" : " and flow = ?";
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Duration[]> lags = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select flow, percentile_disc(array[0.5, 0.95, 0.99]) within group (order by lag_ms)"
                            + " from cutover.comparison_result where mode = ? and lag_ms is not null" + onlyFlow
                            + " group by flow")) {
                bind(select, mode, flow);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Array array = rows.getArray(2);
                        Object[] values = (Object[]) array.getArray();
                        Duration[] percentiles = new Duration[3];
                        for (int i = 0; i < 3; i++) {
                            percentiles[i] = Duration.ofMillis(((Number) values[i]).longValue());
                        }
                        lags.put(rows.getString(1), percentiles);
                    }
                }
            }
            Map<String, List<MismatchSample>> samplesByFlow = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select flow, occurrence_key, outcome, legacy_id, shadow_id, diff::text, lag_ms, compared_at"
                            + " from (select r.*, row_number() over (partition by flow order by compared_at desc, id desc) n"
                            + " from cutover.comparison_result r where mode = ? and diff is not null" + onlyFlow
                            + ") s where n <= ? order by flow, n")) {
                int next = bind(select, mode, flow);
                select.setInt(next, samples);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        samplesByFlow.computeIfAbsent(rows.getString(1), f -> new ArrayList<>()).add(
                                new MismatchSample(rows.getString(2), Outcome.valueOf(rows.getString(3)),
                                        rows.getLong(4), rows.getLong(5), JSON.readTree(rows.getString(6)),
                                        rows.getLong(7), rows.getTimestamp(8).toInstant()));
                    }
                }
            }
            List<FlowSummary> summaries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select flow, compared, matched, mismatched, missing_in_new, missing_in_legacy, late"
                            + " from cutover.comparison_counter where mode = ?" + onlyFlow + " order by flow")) {
                bind(select, mode, flow);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String name = rows.getString(1);
                        long compared = rows.getLong(2);
                        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
                        counts.put(Outcome.MATCH, rows.getLong(3));
                        counts.put(Outcome.MISMATCH, rows.getLong(4));
                        counts.put(Outcome.MISSING_IN_NEW, rows.getLong(5));
                        counts.put(Outcome.MISSING_IN_LEGACY, rows.getLong(6));
                        counts.put(Outcome.LATE, rows.getLong(7));
                        Duration[] lag = lags.getOrDefault(name, new Duration[3]);
                        summaries.add(new FlowSummary(mode, name, compared,
                                compared == 0 ? 0.0 : (double) counts.get(Outcome.MATCH) / compared, counts,
                                lag[0], lag[1], lag[2], samplesByFlow.getOrDefault(name, List.of())));
                    }
                }
            }
            return summaries;
        } catch (SQLException | JsonProcessingException e) {
            throw new ComparisonException("cannot read the comparison results: " + e.getMessage(), e);
        }
    }

    private static int bind(PreparedStatement select, ComparisonMode mode, String flow) throws SQLException {
        select.setString(1, mode.name());
        if (flow == null) {
            return 2;
        }
        select.setString(2, flow);
        return 3;
    }
}
