package io.cutover.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.cutover.plan.GatedStages;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanFile;
import io.cutover.plan.client.AdminClient;
import io.cutover.plan.report.ReportFiles;
import io.cutover.plan.report.ReportWriter;
import io.cutover.plan.report.Reports;

/**
 * {@code ./cutover demo}: the legacy shop on a real Open Liberty, a throwaway PostgreSQL and loopback stand-ins for
 * the outside world; a few orders go through and every synchronous side effect is printed. Then the cutover WAR
 * starts on a second Liberty server, one flow is walked LEGACY -> SHADOW -> CUTOVER -> rollback through its admin
 * API, and the shadow-comparison report is written. Ends by itself and leaves nothing running.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.err.println("cutover demo takes no arguments");
            System.exit(2);
        }
        try {
            run(System.out);
            System.exit(0);
        } catch (RuntimeException e) {
            System.err.println("cutover demo failed: " + e.getMessage());
            System.exit(1);
        }
    }

    static ShopDemo.Outcome run(PrintStream out) {
        long begin = System.nanoTime();
        PrintStream progress = System.err;
        Consumer<String> log = line -> progress.println("[demo] " + line);
        Path sample = Path.of(DemoEnvironment.Layout.required("cutover.sample.dir"));
        Path plan = sample.resolve("plan.yaml");
        try (DemoEnvironment env = DemoEnvironment.start(DemoEnvironment.Layout.fromSystemProperties(), log)) {
            ShopDemo.Outcome outcome = new ShopDemo(env, out).run();
            out.printf("%nsummary: %d mails, %d warehouse notifications, %d loyalty entries, %d audit rows%n",
                    outcome.mails(), outcome.warehouseNotifications(), outcome.loyaltyEntries(), outcome.auditRows());
            DemoEnvironment.AdminAccess access = env.startCutoverServer(plan, log);
            AdminClient admin = new AdminClient(access.url(), access.user(), access.password());
            FlowWalk.Result walk = new FlowWalk(env, admin, new ShopClient(env.legacyAppUrl()), out).walk(outcome.customer());
            out.printf("%ncutover walk: %d compared, %d matched; %d mails by the new path at cutover; %d by the"
                    + " legacy path after rollback%n", walk.compared(), walk.matched(), walk.newPathMailsAtCutover(),
                    walk.legacyMailsAfterRollback());
            ReportFiles report = writeReport(env, plan, log);
            out.println("shadow-comparison report: " + report.html().toAbsolutePath());
            out.println("                  as JSON: " + report.json().toAbsolutePath());
            log.accept("stopping both Liberty servers, the fakes and PostgreSQL ...");
            return outcome.with(walk, report);
        } finally {
            progress.printf("[demo] done in %.1f s%n", (System.nanoTime() - begin) / 1e9);
        }
    }

    /** The report of the plan's flows, with each gate evaluated now, into {@code cutover.demo.report.dir}. */
    private static ReportFiles writeReport(DemoEnvironment env, Path planFile, Consumer<String> log) {
        Path dir = Path.of(System.getProperty("cutover.demo.report.dir", "cutover-demo-report"));
        log.accept("writing the shadow-comparison report into " + dir.toAbsolutePath() + " ...");
        Plan plan = PlanFile.load(planFile);
        DataSource dataSource = env.legacyDatabase().dataSource();
        Clock clock = Clock.systemUTC();
        return ReportWriter.write(Reports.of(dataSource, clock).build(plan, GatedStages.of(dataSource, env.flags(), plan, clock)),
                dir);
    }
}
