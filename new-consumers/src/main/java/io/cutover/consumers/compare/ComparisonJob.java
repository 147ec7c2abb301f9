package io.cutover.consumers.compare;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import io.cutover.consumers.compare.internal.ComparisonStore;
import io.cutover.consumers.compare.internal.PendingEffect;
import io.cutover.consumers.compare.spi.EffectSource;
import io.cutover.consumers.compare.spi.RecordedEffect;

/**
 * The incremental join of legacy and shadow effects. Each {@link #run()} reads what the sources hold beyond the
 * stored checkpoints, pairs effects of the same (flow, occurrence key) oldest first, compares each pair with the
 * flow's rules, reports lone effects older than the lag window as missing, and stores the results in
 * {@code cutover.comparison_result}. A batch's checkpoint, pending effects and results commit together, and every
 * source row can be in one result only, so re-running (or running concurrently: runs of one mode take turns on an
 * advisory lock) never double-counts.
 *
 * <p>Outcomes are decided on the effects' own {@code recorded_at}, not on when the job happens to run: a pair whose
 * lag exceeds the window is {@link Outcome#LATE}, whenever it is found. A missing verdict is provisional: if the
 * counterpart arrives later (until {@link ComparatorConfig#keepUnpairedFor()}), the same result row is rewritten.
 */
public final class ComparisonJob {

    /** Batches read per side in one run, so that a run under steady inflow still ends and reports missing effects. */
    static final int MAX_BATCHES_PER_RUN = 100;

    private final DataSource store;
    private final ComparatorConfig config;
    private final ComparisonMode mode;
    private final EffectSource legacy;
    private final EffectSource shadow;
    private final Clock clock;

    private ComparisonJob(DataSource store, ComparatorConfig config, ComparisonMode mode, EffectSource legacy,
                          EffectSource shadow, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.mode = mode;
        this.legacy = Objects.requireNonNull(legacy, "legacy");
        this.shadow = shadow;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A/B: the legacy journal against shadow effects; results in {@code store}'s {@code cutover} tables. */
    public static ComparisonJob shadow(DataSource store, ComparatorConfig config, EffectSource legacy,
                                       EffectSource shadow, Clock clock) {
        return new ComparisonJob(store, config, ComparisonMode.SHADOW, legacy,
                Objects.requireNonNull(shadow, "shadow"), clock);
    }

    /**
     * A/A: the journal against itself — each journal entry is paired with the next entry of the same (flow,
     * occurrence key), and compared with the flow's rules. No lag window and no missing outcomes: an entry that never
     * gets a repetition is dropped after {@link ComparatorConfig#keepUnpairedFor()}.
     */
    public static ComparisonJob calibration(DataSource store, ComparatorConfig config, EffectSource journal,
                                            Clock clock) {
        return new ComparisonJob(store, config, ComparisonMode.CALIBRATION, journal, null, clock);
    }

    public ComparisonMode mode() {
        return mode;
    }

    /**
     * Compares what is new since the last run (up to {@value #MAX_BATCHES_PER_RUN} batches per side; the next run
     * goes on from there), then reports lone effects whose window has passed. Throws {@link ComparisonException} on
     * database failures; what earlier batches of the run committed stays.
     */
    public ComparisonRun run() {
        Map<Outcome, Integer> concluded = new EnumMap<>(Outcome.class);
        int legacyRead = 0;
        int shadowRead = 0;
        try (Connection connection = store.getConnection()) {
            connection.setAutoCommit(false);
            try {
                ComparisonStore results = new ComparisonStore(connection, mode);
                boolean more = true;
                for (int batches = 0; more && batches < MAX_BATCHES_PER_RUN; batches++) {
                    results.lock();
                    Instant now = clock.instant();
                    int legacyBatch = mode == ComparisonMode.SHADOW
                            ? ingest(results, PendingEffect.LEGACY, legacy, concluded, now)
                            : ingestRepeats(results, concluded, now);
                    int shadowBatch = shadow == null ? 0 : ingest(results, PendingEffect.SHADOW, shadow, concluded, now);
                    legacyRead += legacyBatch;
                    shadowRead += shadowBatch;
                    connection.commit();
                    more = legacyBatch == config.batchSize() || shadowBatch == config.batchSize();
                }
                results.lock();
                Instant now = clock.instant();
                if (mode == ComparisonMode.SHADOW) {
                    expire(results, now, concluded);
                }
                results.forgetBefore(now.minus(config.keepUnpairedFor()));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new ComparisonException("comparison run (" + mode + ") failed: " + e.getMessage(), e);
        }
        return new ComparisonRun(mode, legacyRead, shadowRead, concluded);
    }

    /** Reads one batch of a side into the pending set and pairs the firings it touched. */
    private int ingest(ComparisonStore results, String side, EffectSource source, Map<Outcome, Integer> concluded,
                       Instant now) throws SQLException {
        long position = results.checkpoint(side);
        List<RecordedEffect> batch = source.after(position, config.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        results.addPending(side, batch);
        Map<String, String[]> firings = new LinkedHashMap<>();
        for (RecordedEffect effect : batch) {
            firings.putIfAbsent(effect.flow() + '\u0000' + effect.occurrenceKey(),
                    new String[] {effect.flow(), effect.occurrenceKey()});
        }
        pair(results, results.pendingOf(firings.values()), concluded, now);
        results.saveCheckpoint(side, batch.get(batch.size() - 1).position());
        return batch.size();
    }

    /** Pairs the n-th legacy with the n-th shadow effect of each firing, oldest first. */
    private void pair(ComparisonStore results, List<PendingEffect> pending, Map<Outcome, Integer> concluded,
                      Instant now) throws SQLException {
        List<PendingEffect> legacySide = new ArrayList<>();
        List<PendingEffect> shadowSide = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            PendingEffect effect = pending.get(i);
            (effect.isLegacy() ? legacySide : shadowSide).add(effect);
            boolean lastOfFiring = i + 1 == pending.size() || !sameFiring(effect, pending.get(i + 1));
            if (lastOfFiring) {
                for (int n = 0; n < Math.min(legacySide.size(), shadowSide.size()); n++) {
                    compare(results, legacySide.get(n), shadowSide.get(n), concluded, now);
                }
                legacySide.clear();
                shadowSide.clear();
            }
        }
    }

    private static boolean sameFiring(PendingEffect a, PendingEffect b) {
        return a.flow().equals(b.flow()) && a.occurrenceKey().equals(b.occurrenceKey());
    }

    private void compare(ComparisonStore results, PendingEffect first, PendingEffect second,
                         Map<Outcome, Integer> concluded, Instant now) throws SQLException {
        FlowRules rules = config.rulesFor(first.flow());
        Comparison comparison = EffectComparator.compare(first.effect(), second.effect(), rules);
        long lagMillis = Duration.between(first.recordedAt(), second.recordedAt()).toMillis();
        Outcome outcome = comparison.outcome();
        if (mode == ComparisonMode.SHADOW && Math.abs(lagMillis) > rules.lagWindow().toMillis()) {
            outcome = Outcome.LATE;
        }
        results.savePair(first, second, outcome, comparison.diff(), lagMillis, now);
        concluded.merge(outcome, 1, Integer::sum);
    }

    /** Calibration: each new journal entry either waits for its repetition or completes the oldest waiting one. */
    private int ingestRepeats(ComparisonStore results, Map<Outcome, Integer> concluded, Instant now)
            throws SQLException {
        long position = results.checkpoint(PendingEffect.LEGACY);
        List<RecordedEffect> batch = legacy.after(position, config.batchSize());
        for (RecordedEffect effect : batch) {
            if (results.addPending(PendingEffect.LEGACY, List.of(effect)) == 0) {
                continue; // delivered before
            }
            List<PendingEffect> waiting = results.pendingOf(
                    List.<String[]>of(new String[] {effect.flow(), effect.occurrenceKey()}));
            if (waiting.size() >= 2) {
                compare(results, waiting.get(0), waiting.get(1), concluded, now);
            }
        }
        if (!batch.isEmpty()) {
            results.saveCheckpoint(PendingEffect.LEGACY, batch.get(batch.size() - 1).position());
        }
        return batch.size();
    }

    /** Reports lone effects whose lag window has passed; they stay pending so a late counterpart can still pair. */
    private void expire(ComparisonStore results, Instant now, Map<Outcome, Integer> concluded) throws SQLException {
        for (PendingEffect effect : results.unresolvedBefore(now.minus(config.shortestLagWindow()))) {
            Duration window = config.rulesFor(effect.flow()).lagWindow();
            if (effect.recordedAt().isAfter(now.minus(window))) {
                continue;
            }
            results.saveMissing(effect, now);
            concluded.merge(effect.isLegacy() ? Outcome.MISSING_IN_NEW : Outcome.MISSING_IN_LEGACY, 1, Integer::sum);
        }
    }
}
