package io.cutover.plan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

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
    private final Map<String, String> environment = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

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
        environment.put("CUTOVER_JDBC_URL", database.jdbcUrl());
        environment.put("CUTOVER_JDBC_USER", database.user());
        environment.put("CUTOVER_JDBC_PASSWORD", database.password());
        environment.put("USER", "alice");
    }

    @Test
    void stageMovesAFlowAndStatusShowsIt() {
        assertThat(cutover("stage", "loyalty-points", "CANARY 10%", "--reason", "shadow clean for a week")).isZero();
        assertThat(out.toString()).contains("loyalty-points  LEGACY -> CANARY 10%  by alice: shadow clean for a week");

        assertThat(cutover("status")).isZero();
        assertThat(out.toString()).containsPattern("loyalty-points +CANARY 10% +2026-11-24 10:00:00 +2")
                .containsPattern("confirmation-mail +LEGACY");
    }

    @Test
    void rollbackReturnsToLegacyAtOnceAndTheHistoryKeepsEveryStep() {
        cutover("stage", "confirmation-mail", "CUTOVER", "--reason", "go", "--actor", "bob");

        assertThat(cutover("rollback", "confirmation-mail", "--reason", "mails bounce")).isZero();
        assertThat(flags.stage("confirmation-mail")).isEqualTo(Stage.LEGACY);
        assertThat(cutover("history", "confirmation-mail")).isZero();
        assertThat(out.toString()).contains("(registered) -> LEGACY  by ops: planned",
                "CUTOVER -> LEGACY  by alice: mails bounce");
    }

    @Test
    void wrongRequestsExitWithTwoAndSayWhatIsWrong() {
        assertThat(cutover("stage", "no-such-flow", "SHADOW", "--reason", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown flow 'no-such-flow'", "confirmation-mail");

        assertThat(cutover("stage", "loyalty-points", "HALFWAY", "--reason", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown stage 'HALFWAY'");

        assertThat(cutover("stage", "loyalty-points", "SHADOW")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--reason");

        assertThat(cutover("rollback", "loyalty-points", "--to", "CUTOVER", "--reason", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("LEGACY or SHADOW");
        assertThat(flags.history("loyalty-points")).noneMatch(change -> "x".equals(change.reason()));
    }

    @Test
    void withoutAReachableFlagStoreItExitsWithOneAndSaysSo() {
        environment.remove("CUTOVER_JDBC_URL");
        assertThat(cutover("status")).isEqualTo(2);
        assertThat(err.toString()).contains("set CUTOVER_JDBC_URL");

        assertThat(cutover("status", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=1")).isEqualTo(1);
        assertThat(err.toString()).contains("flag store unavailable", "is the database reachable");
    }

    @Test
    void thePasswordIsReadOnlyFromTheEnvironment() {
        assertThat(cutover("status", "--jdbc-password", "secret")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown options: '--jdbc-password'");
    }

    private int cutover(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return CutoverCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), environment, CLOCK);
    }
}
