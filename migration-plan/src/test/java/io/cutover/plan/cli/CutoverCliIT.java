package io.cutover.plan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.flags.Stage;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class CutoverCliIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private static Database database;
    private static FlagStore flags;
    private CliRun cli;

    @BeforeAll
    static void flows(Database db) {
        database = db;
        FlagStoreSchema.migrate(db.dataSource());
        flags = FlagStore.jdbc(db.dataSource(), CLOCK);
        flags.register("confirmation-mail", "planned", "ops");
        flags.register("loyalty-points", "planned", "ops");
    }

    @BeforeEach
    void environmentPointsAtTheDatabase() {
        cli = new CliRun(database, CLOCK);
    }

    @Test
    void stageMovesAFlowAndStatusShowsIt() {
        assertThat(cli.cutover("stage", "loyalty-points", "CANARY 10%", "--reason", "shadow clean for a week")).isZero();
        assertThat(cli.out()).contains("loyalty-points  LEGACY -> CANARY 10%  by alice: shadow clean for a week");

        assertThat(cli.cutover("status")).isZero();
        assertThat(cli.out()).containsPattern("loyalty-points +CANARY 10% +2026-11-24 10:00:00 +2")
                .containsPattern("confirmation-mail +LEGACY");
    }

    @Test
    void rollbackReturnsToLegacyAtOnceAndTheHistoryKeepsEveryStep() {
        cli.cutover("stage", "confirmation-mail", "CUTOVER", "--reason", "go", "--actor", "bob");

        assertThat(cli.cutover("rollback", "confirmation-mail", "--reason", "mails bounce")).isZero();
        assertThat(flags.stage("confirmation-mail")).isEqualTo(Stage.LEGACY);
        assertThat(cli.cutover("history", "confirmation-mail")).isZero();
        assertThat(cli.out()).contains("(registered) -> LEGACY  by ops: planned",
                "CUTOVER -> LEGACY  by alice: mails bounce");
    }

    @Test
    void wrongRequestsExitWithTwoAndSayWhatIsWrong() {
        assertThat(cli.cutover("stage", "no-such-flow", "SHADOW", "--reason", "x")).isEqualTo(2);
        assertThat(cli.err()).contains("unknown flow 'no-such-flow'", "confirmation-mail");

        assertThat(cli.cutover("stage", "loyalty-points", "HALFWAY", "--reason", "x")).isEqualTo(2);
        assertThat(cli.err()).contains("unknown stage 'HALFWAY'");

        assertThat(cli.cutover("stage", "loyalty-points", "SHADOW")).isEqualTo(2);
        assertThat(cli.err()).contains("Missing required option: '--reason");

        assertThat(cli.cutover("rollback", "loyalty-points", "--to", "CUTOVER", "--reason", "x")).isEqualTo(2);
        assertThat(cli.err()).contains("LEGACY or SHADOW");
        assertThat(flags.history("loyalty-points")).noneMatch(change -> "x".equals(change.reason()));
    }

    @Test
    void withoutAReachableFlagStoreItExitsWithOneAndSaysSo() {
        cli.environment.remove("CUTOVER_JDBC_URL");
        assertThat(cli.cutover("status")).isEqualTo(2);
        assertThat(cli.err()).contains("set CUTOVER_JDBC_URL");

        assertThat(cli.cutover("status", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=1")).isEqualTo(1);
        assertThat(cli.err()).contains("flag store unavailable", "is the database reachable");
    }

    @Test
    void thePasswordIsReadOnlyFromTheEnvironment() {
        assertThat(cli.cutover("status", "--jdbc-password", "secret")).isEqualTo(2);
        assertThat(cli.err()).contains("Unknown options: '--jdbc-password'");
    }
}
