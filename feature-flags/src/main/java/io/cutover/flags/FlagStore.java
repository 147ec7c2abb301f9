package io.cutover.flags;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import io.cutover.flags.internal.JdbcFlagStore;

/**
 * The operator's view of flows and stages, used by the CLI, the admin API and the page. Every change names an
 * actor and a reason and is appended to the flow's history in the same transaction.
 */
public interface FlagStore {

    /** The store in the {@code cutover} schema of {@code dataSource} (see {@link FlagStoreSchema}). */
    static FlagStore jdbc(DataSource dataSource, Clock clock) {
        return new JdbcFlagStore(dataSource, clock);
    }

    /** Makes {@code flow} known, in {@link Stage#LEGACY}; does nothing when it exists already. */
    FlowState register(String flow, String reason, String actor);

    /** @throws UnknownFlowException when the flow was never registered */
    Stage stage(String flow);

    List<FlowState> flows();

    /** @throws UnknownFlowException, IllegalStageException for a blank reason or actor */
    StageChange set(String flow, Stage to, String reason, String actor);

    /** The rollback switch: back to {@link Stage#LEGACY} at once. */
    default StageChange rollback(String flow, String reason, String actor) {
        return rollback(flow, Stage.LEGACY, reason, actor);
    }

    /** Back to {@code to}, which must be {@link Stage#LEGACY} or {@link Stage#SHADOW}. */
    StageChange rollback(String flow, Stage to, String reason, String actor);

    /** Oldest first. */
    List<StageChange> history(String flow);
}
