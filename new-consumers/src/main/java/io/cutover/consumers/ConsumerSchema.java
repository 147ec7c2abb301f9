package io.cutover.consumers;

import javax.sql.DataSource;

import io.cutover.consumers.shadow.ShadowEffects;
import io.cutover.flags.CutoverSchema;

/**
 * Creates or upgrades the runtime's tables in schema {@code cutover} (checkpoints, idempotency marks, dead letters,
 * parked events, outbox; Flyway history {@code flyway_history_consumers}) and the shadow-effect table. The runtime
 * also reads {@code cutover.event_log} (cdc-bridge's {@code BridgeSchema}) and {@code cutover.decision_stamp}
 * (feature-flags' {@code FlagStoreSchema}) in the same database.
 */
public final class ConsumerSchema {

    private ConsumerSchema() {
    }

    public static void migrate(DataSource dataSource) {
        CutoverSchema.migrate(dataSource, "consumers", "classpath:io/cutover/consumers/db");
        ShadowEffects.migrate(dataSource);
    }
}
