package io.cutover.consumers.compare;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.cutover.consumers.compare.internal.TableSource;
import io.cutover.consumers.compare.spi.EffectSource;

/**
 * The sources that read the {@code cutover} tables by row id. A table read by id can miss a row whose transaction
 * took its id before a newer row committed and was read; these sources therefore hold back rows recorded less than
 * {@link #DEFAULT_SETTLE} ago (by the given clock) and stop at the first such row. A legacy transaction that commits
 * later than that after journaling can still be missed: the CDC-fed source does not have this limit.
 */
public final class EffectSources {

    /** How long a row is held back before it is handed out. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(10);

    private EffectSources() {
    }

    /**
     * The legacy path's journal ({@code cutover.effect_journal}), only firings the shim stamped {@code SHADOW}: only
     * those have a shadow run to compare with.
     */
    public static EffectSource journal(DataSource dataSource, Clock clock) {
        return journal(dataSource, clock, DEFAULT_SETTLE);
    }

    public static EffectSource journal(DataSource dataSource, Clock clock, Duration settle) {
        return TableSource.journal(dataSource, clock, settle, true);
    }

    /** Every journal entry whatever the firing's decision: the input of the A/A calibration. */
    public static EffectSource wholeJournal(DataSource dataSource, Clock clock, Duration settle) {
        return TableSource.journal(dataSource, clock, settle, false);
    }

    /** The shadow runs' effects ({@code cutover.shadow_effect}). */
    public static EffectSource shadowEffects(DataSource dataSource, Clock clock) {
        return shadowEffects(dataSource, clock, DEFAULT_SETTLE);
    }

    public static EffectSource shadowEffects(DataSource dataSource, Clock clock, Duration settle) {
        return TableSource.shadow(dataSource, clock, settle);
    }
}
