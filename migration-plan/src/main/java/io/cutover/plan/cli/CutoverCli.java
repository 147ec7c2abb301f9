package io.cutover.plan.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagStoreUnavailableException;
import io.cutover.flags.FlagsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cutover} command line for operators: see and change each flow's stage, pull the rollback switch, read
 * the audit. Exit codes: 0 done, 1 the flag store could not be used, 2 the request was wrong (usage, unknown flow,
 * illegal stage, missing reason).
 */
@Command(name = "cutover", mixinStandardHelpOptions = true, versionProvider = CutoverCli.Version.class,
        description = "Move a legacy monolith's side effects to event-driven consumers, one flow at a time.",
        subcommands = {StatusCommand.class, StageCommand.class, RollbackCommand.class, HistoryCommand.class})
public final class CutoverCli {

    static final int STORE_UNAVAILABLE = 1;
    static final int BAD_REQUEST = 2;

    private final Map<String, String> environment;
    private final Clock clock;

    CutoverCli(Map<String, String> environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
                Clock.systemUTC()));
    }

    static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment, Clock clock) {
        CommandLine commandLine = new CommandLine(new CutoverCli(environment, clock));
        commandLine.setOut(out).setErr(err);
        commandLine.setDefaultValueProvider(argument -> argument instanceof CommandLine.Model.OptionSpec option
                ? FlagStoreOptions.environmentDefault(option.longestName(), environment) : null);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("cutover: " + e.getMessage());
            if (e instanceof FlagStoreUnavailableException) {
                line.getErr().println("cutover: is the database reachable and the cutover schema installed there?");
                return STORE_UNAVAILABLE;
            }
            if (e instanceof FlagsException || e instanceof FlagStoreOptions.MissingDatabaseException) {
                return BAD_REQUEST;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    FlagStore flagStore(FlagStoreOptions options) {
        options.password = environment.get("CUTOVER_JDBC_PASSWORD");
        return FlagStore.jdbc(options.dataSource(), clock);
    }

    String defaultActor() {
        return environment.getOrDefault("USER", System.getProperty("user.name"));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CutoverCli.class.getPackage().getImplementationVersion();
            return new String[] {"cutover " + (version == null ? "(development build)" : version)};
        }
    }
}
