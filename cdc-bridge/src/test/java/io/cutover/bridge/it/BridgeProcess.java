package io.cutover.bridge.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.cutover.bridge.Bridge;
import io.cutover.bridge.BridgeConfig;
import io.cutover.bridge.BridgeStats;
import io.cutover.bridge.EventCatalog;
import io.cutover.bridge.EventLog;

/**
 * The bridge as a process of its own, for tests that kill it: {@code java -Dcutover.bridge.name=... (every
 * cutover.bridge.* key as a system property) io.cutover.bridge.it.BridgeProcess catalog.yaml}, the database password in
 * the environment variable {@value #PASSWORD_ENV} (kept out of the process list).
 *
 * <p>Prints {@code READY <pid>} on stdout once capture runs, then runs until it is killed, or until its stdin ends
 * (the parent closed it, or died: no orphan outlives the test JVM), which stops the bridge cleanly and exits 0. While
 * it runs it prints {@code STATS <BridgeStats>} whenever the counters change (at most every 50 ms). A
 * bridge that fails prints {@code FAILED <reason>} and exits 3; a refused start exits 2.
 */
public final class BridgeProcess {
    public static final String PASSWORD_ENV = "CUTOVER_BRIDGE_DB_PASSWORD";

    private BridgeProcess() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BridgeProcess catalog.yaml (config as -Dcutover.bridge.* properties)");
            System.exit(64);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("cutover.bridge.")) {
                values.put(key, System.getProperty(key));
            }
        }
        String password = System.getenv(PASSWORD_ENV);
        if (password != null) {
            values.put(BridgeConfig.DB_PASSWORD.name(), password);
        }
        Bridge bridge;
        try {
            BridgeConfig config = BridgeConfig.from(values);
            bridge = Bridge.start(config, EventCatalog.load(Path.of(args[0])),
                    EventLog.postgres(config.dataSource(), Clock.systemUTC()), Clock.systemUTC());
        } catch (RuntimeException e) {
            System.out.println("REFUSED " + e.getMessage().replace('\n', ' '));
            e.printStackTrace();
            System.exit(2);
            return;
        }
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();

        Thread watchdog = new Thread(() -> {
            BridgeStats last = null;
            while (bridge.state() != Bridge.State.FAILED) {
                BridgeStats now = bridge.stats();
                if (!now.equals(last)) {
                    System.out.println("STATS " + now);
                    System.out.flush();
                    last = now;
                }
                LockSupport.parkNanos(50_000_000L);
            }
            System.out.println("FAILED " + bridge.failure().map(Throwable::toString).orElse("?"));
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }, "bridge-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        while (System.in.read() != -1) {
            // nothing is expected on stdin; its end means stop
        }
        bridge.close();
        System.out.println("STOPPED " + bridge.stats());
        System.out.flush();
        System.exit(0);
    }
}
