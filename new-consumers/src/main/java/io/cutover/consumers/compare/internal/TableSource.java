package io.cutover.consumers.compare.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cutover.consumers.compare.ComparisonException;
import io.cutover.consumers.compare.spi.EffectSource;
import io.cutover.consumers.compare.spi.RecordedEffect;

/** An {@link EffectSource} over one of the {@code cutover} effect tables, position = row id. */
public final class TableSource implements EffectSource {

    static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration settle;
    private final String name;
    private final String query;

    private TableSource(DataSource dataSource, Clock clock, Duration settle, String name, String query) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settle = Objects.requireNonNull(settle, "settle");
        if (settle.isNegative()) {
            throw new ComparisonException("settle must not be negative, was " + settle);
        }
        this.name = name;
        this.query = query;
    }

    public static TableSource journal(DataSource dataSource, Clock clock, Duration settle, boolean shadowOnly) {
        String query = "select j.id, j.flow, j.occurrence_key, j.effect::text, j.recorded_at"
                + " from cutover.effect_journal j"
                + (shadowOnly ? " join cutover.decision_stamp d on d.flow = j.flow"
                        + " and d.occurrence_key = j.occurrence_key and d.decision = 'SHADOW'" : "")
                + " where j.id > ? order by j.id limit ?";
        return new TableSource(dataSource, clock, settle, "cutover.effect_journal", query);
    }

    public static TableSource shadow(DataSource dataSource, Clock clock, Duration settle) {
        return new TableSource(dataSource, clock, settle, "cutover.shadow_effect",
                "select id, flow, occurrence_key, effect::text, recorded_at from cutover.shadow_effect"
                        + " where id > ? order by id limit ?");
    }

    @Override
    public List<RecordedEffect> after(long position, int max) {
        Instant settledBefore = clock.instant().minus(settle);
        List<RecordedEffect> effects = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(query)) {
            select.setLong(1, position);
            select.setInt(2, max);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Instant recordedAt = rows.getTimestamp(5).toInstant();
                    if (recordedAt.isAfter(settledBefore)) {
                        break; // not settled: neither it nor anything after it, or an older in-flight row is lost
                    }
                    long id = rows.getLong(1);
                    effects.add(new RecordedEffect(id, id, rows.getString(2), rows.getString(3),
                            JSON.readTree(rows.getString(4)), recordedAt));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new ComparisonException("cannot read " + name + " after " + position + ": " + e.getMessage(), e);
        }
        return effects;
    }

    @Override
    public String toString() {
        return name;
    }
}
