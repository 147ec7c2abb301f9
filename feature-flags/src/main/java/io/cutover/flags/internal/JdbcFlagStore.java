package io.cutover.flags.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagStoreUnavailableException;
import io.cutover.flags.FlowState;
import io.cutover.flags.IllegalStageException;
import io.cutover.flags.Stage;
import io.cutover.flags.StageChange;
import io.cutover.flags.UnknownFlowException;

/** {@link FlagStore} on PostgreSQL; each change commits together with its audit row and a NOTIFY to every process. */
public final class JdbcFlagStore implements FlagStore {

    /** The channel {@link StageCache}s listen on; the payload is the flow id. */
    public static final String CHANNEL = "cutover_flags";

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcFlagStore(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public FlowState register(String flow, String reason, String actor) {
        requireText(flow, "flow id");
        requireText(reason, "reason");
        requireText(actor, "actor");
        return inTransaction(connection -> {
            Instant now = clock.instant();
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into cutover.flow (flow, stage, canary_percent, changed_at) values (?, 'LEGACY', 0, ?)"
                            + " on conflict (flow) do nothing")) {
                insert.setString(1, flow);
                insert.setTimestamp(2, Timestamp.from(now));
                if (insert.executeUpdate() == 1) {
                    audit(connection, new StageChange(flow, null, Stage.LEGACY, actor, reason, now));
                    notifyChange(connection, flow);
                }
            }
            return lockedState(connection, flow, false);
        });
    }

    @Override
    public Stage stage(String flow) {
        return inTransaction(connection -> lockedState(connection, flow, false).stage());
    }

    @Override
    public List<FlowState> flows() {
        return inTransaction(connection -> {
            List<FlowState> flows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select flow, stage, canary_percent, changed_at, revision from cutover.flow order by flow");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    flows.add(state(rows));
                }
            }
            return flows;
        });
    }

    @Override
    public StageChange set(String flow, Stage to, String reason, String actor) {
        Objects.requireNonNull(to, "stage");
        requireText(reason, "reason");
        requireText(actor, "actor");
        return inTransaction(connection -> {
            FlowState current = lockedState(connection, flow, true);
            Instant now = clock.instant();
            try (PreparedStatement update = connection.prepareStatement(
                    "update cutover.flow set stage = ?, canary_percent = ?, changed_at = ?, revision = revision + 1"
                            + " where flow = ?")) {
                update.setString(1, to.kind().name());
                update.setInt(2, to.canaryPercent());
                update.setTimestamp(3, Timestamp.from(now));
                update.setString(4, flow);
                update.executeUpdate();
            }
            StageChange change = new StageChange(flow, current.stage(), to, actor, reason, now);
            audit(connection, change);
            notifyChange(connection, flow);
            return change;
        });
    }

    @Override
    public StageChange rollback(String flow, Stage to, String reason, String actor) {
        if (!Stage.LEGACY.equals(to) && !Stage.SHADOW.equals(to)) {
            throw new IllegalStageException("a rollback returns a flow to LEGACY or SHADOW, not " + to);
        }
        return set(flow, to, reason, actor);
    }

    @Override
    public List<StageChange> history(String flow) {
        return inTransaction(connection -> {
            lockedState(connection, flow, false);
            List<StageChange> changes = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select from_stage, from_percent, to_stage, to_percent, actor, reason, changed_at"
                            + " from cutover.flow_stage_change where flow = ? order by id")) {
                select.setString(1, flow);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Stage from = rows.getString(1) == null ? null : stage(rows.getString(1), rows.getInt(2));
                        changes.add(new StageChange(flow, from, stage(rows.getString(3), rows.getInt(4)),
                                rows.getString(5), rows.getString(6), rows.getTimestamp(7).toInstant()));
                    }
                }
            }
            return changes;
        });
    }

    static Stage stage(String kind, int percent) {
        return new Stage(Stage.Kind.valueOf(kind), percent);
    }

    private static FlowState state(ResultSet row) throws SQLException {
        return new FlowState(row.getString(1), stage(row.getString(2), row.getInt(3)), row.getTimestamp(4).toInstant(),
                row.getLong(5));
    }

    private FlowState lockedState(Connection connection, String flow, boolean forUpdate) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select flow, stage, canary_percent, changed_at, revision from cutover.flow where flow = ?"
                        + (forUpdate ? " for update" : ""))) {
            select.setString(1, flow);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new UnknownFlowException("unknown flow '" + flow + "'; known flows: " + knownFlows(connection));
                }
                return state(row);
            }
        }
    }

    private static String knownFlows(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select flow from cutover.flow order by flow");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names.isEmpty() ? "(none registered)" : String.join(", ", names);
    }

    private static void audit(Connection connection, StageChange change) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into cutover.flow_stage_change"
                        + " (flow, changed_at, actor, from_stage, from_percent, to_stage, to_percent, reason)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, change.flow());
            insert.setTimestamp(2, Timestamp.from(change.changedAt()));
            insert.setString(3, change.actor());
            insert.setString(4, change.from() == null ? null : change.from().kind().name());
            insert.setObject(5, change.from() == null ? null : change.from().canaryPercent(), java.sql.Types.SMALLINT);
            insert.setString(6, change.to().kind().name());
            insert.setInt(7, change.to().canaryPercent());
            insert.setString(8, change.reason());
            insert.executeUpdate();
        }
    }

    private static void notifyChange(Connection connection, String flow) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, flow);
            notify.execute();
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStageException("a " + what + " is required");
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new FlagStoreUnavailableException("flag store unavailable: " + e.getMessage(), e);
        }
    }
}
