package io.cutover.plan.cli;

import javax.sql.DataSource;

import io.cutover.flags.FlagStore;
import picocli.CommandLine.Mixin;

/** What every command on the cutover schema shares: where the database is. */
abstract class FlagStoreCommand extends CliCommand {

    @Mixin
    FlagStoreOptions store;

    FlagStore flags() {
        return cli().flagStore(store);
    }

    DataSource dataSource() {
        return cli().dataSource(store);
    }
}
