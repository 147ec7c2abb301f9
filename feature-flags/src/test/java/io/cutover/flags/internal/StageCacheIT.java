package io.cutover.flags.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.flags.Stage;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class StageCacheIT {

    @ParameterizedTest(name = "listening: {0}")
    @ValueSource(booleans = {true, false})
    void aChangeReachesTheCacheWithinTheRefreshIntervalWithOrWithoutListen(boolean mayListen, Database db)
            throws InterruptedException {
        FlagStoreSchema.migrate(db.dataSource());
        FlagStore flags = FlagStore.jdbc(db.dataSource(), Clock.systemUTC());
        String flow = "flow-" + mayListen;
        flags.register(flow, "planned", "test");
        try (StageCache cache = new StageCache(db.dataSource(), Duration.ofSeconds(1), mayListen).start()) {
            assertThat(cache.awaitFirstLoad(Duration.ofSeconds(5))).isTrue();
            assertThat(cache.stage(flow)).contains(Stage.LEGACY);

            flags.set(flow, Stage.canary(40), "canary", "test");

            await("the cache sees CANARY 40%").atMost(Duration.ofSeconds(1))
                    .until(() -> cache.stage(flow).equals(Optional.of(Stage.canary(40))));
        }
    }

    @Test
    void anUnknownFlowHasNoStage(Database db) throws InterruptedException {
        FlagStoreSchema.migrate(db.dataSource());
        try (StageCache cache = new StageCache(db.dataSource(), Duration.ofSeconds(1)).start()) {
            assertThat(cache.awaitFirstLoad(Duration.ofSeconds(5))).isTrue();
            assertThat(cache.stage("never-registered")).isEmpty();
        }
    }
}
