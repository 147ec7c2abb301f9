package io.cutover.plan.cli;

import io.cutover.plan.client.AdminClient;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import io.cutover.bridge.BridgeException;
import io.cutover.bridge.CatalogException;
import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagStoreUnavailableException;
import io.cutover.flags.FlagsException;
import io.cutover.plan.GateRefusedException;
import io.cutover.plan.GatedStages;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanException;
import io.cutover.plan.StageChanges;
import io.cutover.plan.report.ReportException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cutover} command line for operators: see and change each flow's stage, pull the rollback switch, read
 * the audit, check a plan's gates, lint a plan and generate its event catalog, handle dead letters and replays (through
 * the cutover WAR's admin API), watch and drop replication slots. Exit codes: 0 done; 1 the database or the admin API
 * could not be used, a readiness gate refused or fails, or lint found errors; 2 the request was wrong (usage, unknown
 * flow, illegal stage, missing reason, a plan or catalog that cannot be used, refused by the admin API).
 */
@Command(name = "cutover", mixinStandardHelpOptions = true, versionProvider = CutoverCli.Version.class,
        description = "Move a legacy monolith's side effects to event-driven consumers, one flow at a time.",
        subcommands = {StatusCommand.class, StageCommand.class, RollbackCommand.class, HistoryCommand.class,
                GateCommand.class, LintCommand.class, CatalogCommand.class, ReportCommand.class,
                DeadLetterCommand.class, ReplayCommand.class, SlotCommand.class})
public final class CutoverCli {

    static final int STORE_UNAVAILABLE = 1;
    /** A readiness gate refused a move (or fails for {@code gate}); {@code lint} found errors. */
    static final int REFUSED = 1;
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

    /** Runs one command line as {@link #main} does, but returns the exit code; for scripts and tests in a JVM. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment,
                              Clock clock) {
        CommandLine commandLine = new CommandLine(new CutoverCli(environment, clock));
        commandLine.setOut(out).setErr(err);
        commandLine.setDefaultValueProvider(argument -> argument instanceof CommandLine.Model.OptionSpec option
                ? EnvironmentDefaults.of(option.longestName(), environment) : null);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof GateRefusedException refused) {
                line.getErr().println("cutover: flow " + refused.verdict().flow() + " not moved: its readiness gate fails");
                Verdicts.lines(refused.verdict().failing()).forEach(line.getErr()::println);
                line.getErr().println("cutover: to move it anyway, add --force; the reason and these checks are audited");
                return REFUSED;
            }
            line.getErr().println("cutover: " + e.getMessage());
            if (e instanceof FlagStoreUnavailableException || e instanceof ReportException) {
                line.getErr().println("cutover: is the database reachable and the cutover schema installed there?");
                return STORE_UNAVAILABLE;
            }
            if (e instanceof FlagsException || e instanceof FlagStoreOptions.MissingDatabaseException
                    || e instanceof PlanException || e instanceof CatalogException
                    || e instanceof AdminClient.AdminApiRefusedException || e instanceof IllegalArgumentException) {
                return BAD_REQUEST;
            }
            if (e instanceof AdminClient.AdminApiUnavailableException || e instanceof BridgeException) {
                return STORE_UNAVAILABLE;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    Clock clock() {
        return clock;
    }

    FlagStore flagStore(FlagStoreOptions options) {
        return FlagStore.jdbc(dataSource(options), clock);
    }

    /** Stage changes gated by {@code plan}, reading the gates' evidence from the flag store's database. */
    StageChanges stageChanges(FlagStoreOptions options, Plan plan) {
        DataSource dataSource = dataSource(options);
        return GatedStages.of(dataSource, FlagStore.jdbc(dataSource, clock), plan, clock);
    }

    DataSource dataSource(FlagStoreOptions options) {
        options.password = environment.get("CUTOVER_JDBC_PASSWORD");
        return options.dataSource();
    }

    AdminClient adminClient(AdminApiOptions options) {
        return options.client(environment.get("CUTOVER_ADMIN_PASSWORD"));
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
