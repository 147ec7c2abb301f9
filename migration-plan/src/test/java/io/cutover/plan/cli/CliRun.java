package io.cutover.plan.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.cutover.testsupport.postgres.Database;

/** The CLI run in-process the way an operator's shell runs it: an environment pointing at the database, out, err, exit code. */
final class CliRun {
    final Map<String, String> environment = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Clock clock;

    CliRun(Database database, Clock clock) {
        this.clock = clock;
        environment.put("CUTOVER_JDBC_URL", database.jdbcUrl());
        environment.put("CUTOVER_JDBC_USER", database.user());
        environment.put("CUTOVER_JDBC_PASSWORD", database.password());
        environment.put("USER", "alice");
    }

    /** Runs {@code cutover args...}; what it printed is in {@link #out()} and {@link #err()} until the next run. */
    int cutover(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return CutoverCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), environment, clock);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
