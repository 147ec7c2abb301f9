package io.cutover.plan.cli;

import java.io.PrintWriter;

import io.cutover.flags.FlagStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every flag command shares: the parent CLI, where the store is, and where to print. */
abstract class FlagStoreCommand implements Runnable {

    @ParentCommand
    CutoverCli cli;

    @Mixin
    FlagStoreOptions store;

    @Spec
    CommandSpec spec;

    FlagStore flags() {
        return cli.flagStore(store);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    String actorOr(String actor) {
        return actor == null ? cli.defaultActor() : actor;
    }
}
