package io.cutover.plan.report.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.cutover.plan.report.CutoverReport.DeadLetter;
import io.cutover.plan.report.CutoverReport.RatePoint;
import io.cutover.plan.report.CutoverReport.Timeline;

/**
 * The report's own reads, on the caller's connection: what {@code ComparisonResults} and {@code FlagStore} do not
 * offer (results over time, open dead letters) and which of the toolkit's tables exist yet.
 */
final class ReportQueries {

    /** The firing a result accounts for happened when its legacy effect (else its shadow effect) was recorded. */
    private static final String FIRED_AT = "coalesce(legacy_recorded_at, shadow_recorded_at)";

    private final Connection connection;

    ReportQueries(Connection connection) {
        this.connection = connection;
    }

    /** Whether {@code table} (qualified, e.g. {@code cutover.flow}) exists: a database not set up yet has no data. */
    boolean exists(String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select to_regclass(?) is not null")) {
            select.setString(1, table);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /** The span of the flows' shadow comparison results; empty when they have none. */
    Optional<Timeline> timeline(List<String> flows) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select min(" + FIRED_AT + "), max(" + FIRED_AT
                + ") from cutover.comparison_result where mode = 'SHADOW' and flow = any(?)")) {
            Array names = connection.createArrayOf("text", flows.toArray());
            select.setArray(1, names);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                Timestamp from = row.getTimestamp(1);
                if (from == null) {
                    return Optional.empty();
                }
                Instant to = row.getTimestamp(2).toInstant();
                Duration size = Buckets.sizeFor(from.toInstant(), to);
                return Optional.of(new Timeline(from.toInstant(), to, size.toSeconds()));
            }
        }
    }

    /** The flow's results per bucket of the timeline, oldest first; buckets without results are left out. */
    List<RatePoint> matchRateOverTime(String flow, Timeline timeline) throws SQLException {
        long bucketMillis = timeline.bucketSeconds() * 1000;
        List<RatePoint> points = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select floor(extract(epoch from " + FIRED_AT + ") * 1000 / ?)::bigint as bucket, count(*),"
                        + " count(*) filter (where outcome = 'MATCH')"
                        + " from cutover.comparison_result where mode = 'SHADOW' and flow = ?"
                        + " group by bucket order by bucket")) {
            select.setLong(1, bucketMillis);
            select.setString(2, flow);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long compared = rows.getLong(2);
                    long matched = rows.getLong(3);
                    points.add(new RatePoint(Instant.ofEpochMilli(rows.getLong(1) * bucketMillis), compared, matched,
                            (double) matched / compared));
                }
            }
        }
        return points;
    }

    /** How many of the consumer's dead letters are parked (not redriven or skipped yet). */
    long openDeadLetters(String consumer) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select count(*) from cutover.consumer_dead_letter where consumer = ? and state = 'PARKED'")) {
            select.setString(1, consumer);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The consumer's most recent parked dead letters, newest first. */
    List<DeadLetter> recentDeadLetters(String consumer, int limit) throws SQLException {
        List<DeadLetter> recent = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select event_id, event_type, partition_key, attempts, dead_at, error from cutover.consumer_dead_letter"
                        + " where consumer = ? and state = 'PARKED' order by dead_at desc, id desc limit ?")) {
            select.setString(1, consumer);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    recent.add(new DeadLetter(rows.getObject(1, UUID.class), rows.getString(2),
                            rows.getString(3), rows.getInt(4), rows.getTimestamp(5).toInstant(), rows.getString(6)));
                }
            }
        }
        return recent;
    }
}
