package io.cutover.plan.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import io.cutover.flags.FlagStoreUnavailableException;

/**
 * What gates and auto-revert read about a flow: its shadow comparisons (new-consumers' {@code comparison_result},
 * mode SHADOW) and its consumer's dead letters. A firing counts from the moment its first effect was recorded, so a
 * comparison concluded late still belongs to the period its firing happened in.
 */
public final class FlowFacts {

    /** Comparisons of firings recorded since some instant; {@code lagP99} null when none of them was a pair. */
    public record Shadow(long compared, long matched, Duration lagP99) {
    }

    private static final String FIRINGS_SINCE = " from cutover.comparison_result where mode = 'SHADOW' and flow = ?"
            + " and least(legacy_recorded_at, shadow_recorded_at) >= ?";

    private final DataSource dataSource;

    public FlowFacts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Shadow shadowSince(String flow, Instant since) {
        String sql = "select count(*), count(*) filter (where outcome = 'MATCH'),"
                + " percentile_disc(0.99) within group (order by lag_ms)" + FIRINGS_SINCE;
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, flow);
            select.setTimestamp(2, Timestamp.from(since));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                long lag = row.getLong(3);
                return new Shadow(row.getLong(1), row.getLong(2), row.wasNull() ? null : Duration.ofMillis(lag));
            }
        } catch (SQLException e) {
            throw unreadable("the shadow comparisons of flow " + flow, e);
        }
    }

    /** Firings recorded since {@code since} whose shadow effect differed from the legacy one. */
    public long mismatchesSince(String flow, Instant since) {
        return count("select count(*)" + FIRINGS_SINCE + " and outcome = 'MISMATCH'", flow, since,
                "the shadow comparisons of flow " + flow);
    }

    /** Dead letters of {@code consumer} still PARKED (neither redriven nor skipped). */
    public long parkedDeadLetters(String consumer) {
        return count("select count(*) from cutover.consumer_dead_letter where consumer = ? and state = 'PARKED'", consumer, null,
                "the dead letters of consumer " + consumer);
    }

    /** Dead letters of {@code consumer} that died at or after {@code since}, whatever became of them. */
    public long deadLettersSince(String consumer, Instant since) {
        return count("select count(*) from cutover.consumer_dead_letter where consumer = ? and dead_at >= ?", consumer, since,
                "the dead letters of consumer " + consumer);
    }

    private long count(String sql, String name, Instant since, String what) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, name);
            if (since != null) {
                select.setTimestamp(2, Timestamp.from(since));
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw unreadable(what, e);
        }
    }

    /** The database the flag store lives in: unusable for the same reasons, and surfaces map it the same way. */
    private static FlagStoreUnavailableException unreadable(String what, SQLException e) {
        return new FlagStoreUnavailableException("cannot read " + what
                + " (are the consumer runtime's and the comparator's schemas installed?): " + e.getMessage(), e);
    }
}
