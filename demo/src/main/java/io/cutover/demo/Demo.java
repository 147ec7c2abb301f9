package io.cutover.demo;

import java.io.PrintStream;
import java.time.Clock;

import io.cutover.sample.consumers.LoyaltyRounding;

/**
 * {@code ./cutover demo}: the legacy shop on a real Open Liberty, a throwaway PostgreSQL and loopback stand-ins for
 * the outside world; a few orders go through and every synchronous side effect is printed. Ends by itself and
 * leaves nothing running.
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
        try (DemoEnvironment env = DemoEnvironment.start(DemoEnvironment.Layout.fromSystemProperties(),
                line -> progress.println("[demo] " + line))) {
            ShopDemo.Outcome outcome = new ShopDemo(env, out).run();
            out.printf("%nsummary: %d mails, %d warehouse notifications, %d loyalty entries, %d audit rows%n",
                    outcome.mails(), outcome.warehouseNotifications(), outcome.loyaltyEntries(), outcome.auditRows());
            try (CutoverSide cutover = CutoverSide.startForTheShop(env, LoyaltyRounding.DOWN, Clock.systemUTC(),
                    line -> progress.println("[demo] " + line))) {
                FlowWalk.Result walk = new FlowWalk(env, cutover, new ShopClient(env.legacyAppUrl()), out)
                        .walk(outcome.customer());
                out.printf("%ncutover walk: %d compared, %d matched; %d mails by the new path at cutover; %d by the"
                        + " legacy path after rollback%n", walk.compared(), walk.matched(), walk.newPathMailsAtCutover(),
                        walk.legacyMailsAfterRollback());
                outcome = outcome.with(walk);
            }
            progress.println("[demo] stopping Liberty, the fakes and PostgreSQL ...");
            return outcome;
        } finally {
            progress.printf("[demo] done in %.1f s%n", (System.nanoTime() - begin) / 1e9);
        }
    }
}
