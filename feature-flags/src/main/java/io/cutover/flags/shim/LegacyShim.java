package io.cutover.flags.shim;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.cutover.flags.Decision;
import io.cutover.flags.Stage;
import io.cutover.flags.internal.StageCache;

/**
 * What a legacy WAR calls around each synchronous side effect, on the connection of its own transaction:
 * <pre>{@code
 * if (shim.decide(connection, "order-confirmation-mail", orderId).legacyActs()) {
 *     mailer.sendConfirmation(order);
 *     shim.recordLegacyEffect(connection, "order-confirmation-mail", orderId, "{\"to\":\"...\"}");
 * }
 * }</pre>
 * The decision is stamped in that transaction, so it commits with the business change or not at all; a flow on the
 * legacy path needs no stamp ("no stamp" means the legacy path acted) and no journal, so there the shim costs an
 * in-memory lookup and nothing else. The shim never
 * breaks the legacy request: its statements run inside a savepoint, and on any failure of its own the legacy path
 * acts (no stamp is left, which consumers read as "legacy acted") and the failure is counted and logged once per
 * outage.
 */
public final class LegacyShim implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LegacyShim.class.getName());
    private static final Duration DEFAULT_REFRESH = Duration.ofSeconds(1);
    private static final Duration FIRST_READ_WAIT = Duration.ofSeconds(5);
    private static final String SAVEPOINT = "cutover_shim";

    private final StageCache stages;
    private final Clock clock;
    private final AtomicLong fallbacks = new AtomicLong();
    private final AtomicLong journalFailures = new AtomicLong();
    private volatile boolean failing;
    private volatile String lastProblem;

    private LegacyShim(StageCache stages, Clock clock) {
        this.stages = stages;
        this.clock = clock;
    }

    /** A shim reading stages from the flag store behind {@code flagStore}, refreshed at least every second. */
    public static LegacyShim start(DataSource flagStore) {
        return start(flagStore, DEFAULT_REFRESH, Clock.systemUTC());
    }

    /**
     * Starts reading the flag store and waits for the first read (at most a few seconds, less when the store
     * fails at once), so that the first requests follow the flags rather than falling back.
     */
    public static LegacyShim start(DataSource flagStore, Duration refreshInterval, Clock clock) {
        LegacyShim shim = new LegacyShim(new StageCache(flagStore, refreshInterval).start(), clock);
        try {
            shim.awaitReady(FIRST_READ_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return shim;
    }

    /**
     * Decides which path performs this firing of {@code flow}, stamps it in {@code transaction} and says whether the
     * caller runs its legacy side effect. A firing decided before keeps its first decision.
     */
    public Decision decide(Connection transaction, String flow, String occurrenceKey) {
        Optional<Stage> stage = stages.stage(flow);
        if (stage.isEmpty()) {
            fallBack(stages.available() ? "flow '" + flow + "' is not registered"
                    : stages.lastProblem() == null ? "flag store not read yet"
                    : "flag store unreadable: " + stages.lastProblem(), null);
            return Decision.LEGACY;
        }
        if (stage.get().equals(Stage.LEGACY)) {
            // no stamp needed: "no stamp" already means the legacy path acted, so adopting costs no database call
            return Decision.LEGACY;
        }
        Decision decision = stage.get().decide(flow, occurrenceKey);
        try {
            Decision stamped = stamp(transaction, flow, occurrenceKey, decision, stage.get());
            recovered();
            return stamped;
        } catch (SQLException | RuntimeException e) {
            fallBack("cannot stamp the decision for " + flow + "/" + occurrenceKey + ": " + e.getMessage(), e);
            return Decision.LEGACY;
        }
    }

    /**
     * Journals the effect the legacy path just performed (a small JSON descriptor), in {@code transaction}, for the
     * shadow comparison; skipped while the flow is on the legacy path.
     */
    public void recordLegacyEffect(Connection transaction, String flow, String occurrenceKey, String effectJson) {
        if (stages.stage(flow).filter(stage -> !stage.equals(Stage.LEGACY)).isEmpty()) {
            // only shadow comparisons read the journal; a flow on the legacy path (or an unknown one) has none
            return;
        }
        try {
            guarded(transaction, "insert into cutover.effect_journal (flow, occurrence_key, effect, recorded_at)"
                    + " values (?, ?, cast(? as jsonb), ?)", insert -> {
                        insert.setString(1, flow);
                        insert.setString(2, occurrenceKey);
                        insert.setString(3, effectJson);
                        insert.setTimestamp(4, Timestamp.from(clock.instant()));
                    }, rows -> null);
        } catch (SQLException | RuntimeException e) {
            journalFailures.incrementAndGet();
            problem("cannot journal the legacy effect of " + flow + "/" + occurrenceKey + ": " + e.getMessage(), e);
        }
    }

    public ShimHealth health() {
        return new ShimHealth(stages.available(), fallbacks.get(), journalFailures.get(),
                lastProblem != null ? lastProblem : stages.lastProblem());
    }

    /** Waits for the first read of the flag store; until then every flow behaves as LEGACY. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return stages.awaitFirstLoad(timeout);
    }

    @Override
    public void close() {
        stages.close();
    }

    /** Inserts the stamp or, when this firing was decided before, keeps and returns the first decision. */
    private Decision stamp(Connection transaction, String flow, String key, Decision decision, Stage stage)
            throws SQLException {
        return guarded(transaction, "with stamped as ("
                + " insert into cutover.decision_stamp (flow, occurrence_key, decision, stage, canary_percent, decided_at)"
                + " values (?, ?, ?, ?, ?, ?) on conflict (flow, occurrence_key) do nothing returning decision)"
                + " select decision from stamped"
                + " union all select decision from cutover.decision_stamp where flow = ? and occurrence_key = ?"
                + " and not exists (select 1 from stamped)", insert -> {
                    insert.setString(1, flow);
                    insert.setString(2, key);
                    insert.setString(3, decision.name());
                    insert.setString(4, stage.kind().name());
                    insert.setInt(5, stage.canaryPercent());
                    insert.setTimestamp(6, Timestamp.from(clock.instant()));
                    insert.setString(7, flow);
                    insert.setString(8, key);
                }, rows -> {
                    rows.next();
                    return Decision.valueOf(rows.getString(1));
                });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /**
     * Runs {@code sql} inside an SQL savepoint so that its failure never aborts the legacy transaction. Savepoint,
     * statement and release travel as one multi-statement request: one round trip, not three, on the legacy path.
     * Plain SQL savepoints rather than {@link Connection#setSavepoint()}: container-managed connections in a global
     * transaction may refuse the JDBC call.
     */
    private static <T> T guarded(Connection transaction, String sql, Binder binder, Reader<T> reader)
            throws SQLException {
        boolean autoCommit = transaction.getAutoCommit();
        String request = autoCommit ? sql : "SAVEPOINT " + SAVEPOINT + "; " + sql + "; RELEASE SAVEPOINT " + SAVEPOINT;
        try (PreparedStatement statement = transaction.prepareStatement(request)) {
            binder.bind(statement);
            boolean rows = statement.execute();
            if (!autoCommit) {
                rows = statement.getMoreResults();
            }
            if (!rows) {
                return reader.read(null);
            }
            try (ResultSet result = statement.getResultSet()) {
                return reader.read(result);
            }
        } catch (SQLException | RuntimeException e) {
            if (!autoCommit) {
                try (Statement rollback = transaction.createStatement()) {
                    rollback.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
                }
            }
            throw e;
        }
    }

    private void fallBack(String why, Exception cause) {
        fallbacks.incrementAndGet();
        problem(why, cause);
    }

    private void problem(String why, Exception cause) {
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, "cutover shim: the legacy path acts (" + why + ")", cause);
        }
        lastProblem = why;
    }

    private void recovered() {
        if (failing) {
            failing = false;
            lastProblem = null;
            LOG.info("cutover shim: stamping decisions again");
        }
    }
}
