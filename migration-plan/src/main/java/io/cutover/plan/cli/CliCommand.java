package io.cutover.plan.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares, however deeply nested: the CLI it runs in and where to print. */
abstract class CliCommand implements Runnable {

    @Spec
    CommandSpec spec;

    CutoverCli cli() {
        return (CutoverCli) spec.root().userObject();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    String actorOr(String actor) {
        return actor == null ? cli().defaultActor() : actor;
    }
}
