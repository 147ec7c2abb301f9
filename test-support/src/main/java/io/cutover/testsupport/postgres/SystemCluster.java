package io.cutover.testsupport.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A cluster from the machine's own binaries (Debian: /usr/lib/postgresql/NN/bin). initdb and postgres refuse to run
 * as root, so as root they run as OS user {@code postgres} via runuser, in a work dir owned by that user.
 */
final class SystemCluster extends LocalCluster {
    static final String BIN_PROPERTY = "cutover.postgres.bin";
    private static final String RUNUSER = "/usr/sbin/runuser"; // not on a minimal PATH

    private final Path bin;
    private final boolean asPostgresUser;

    private SystemCluster(WorkDir work, int port, Path bin, boolean asPostgresUser) {
        super(work, port);
        this.bin = bin;
        this.asPostgresUser = asPostgresUser;
    }

    @Override
    public String kind() {
        return "system";
    }

    /** cutover.postgres.bin / PGBIN, else the newest /usr/lib/postgresql/NN/bin with an initdb. */
    static Path findBinDir() throws IOException {
        String configured = System.getProperty(BIN_PROPERTY, System.getenv("PGBIN"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p.resolve("initdb"))) {
                throw new IOException("no executable initdb in " + p + " (from " + BIN_PROPERTY + "/PGBIN)");
            }
            return p;
        }
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            throw new IOException("no PostgreSQL binaries: " + base + " does not exist (install postgresql or set PGBIN)");
        }
        try (Stream<Path> s = Files.list(base)) {
            return s.filter(p -> Files.isExecutable(p.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(SystemCluster::majorVersion))
                    .map(p -> p.resolve("bin"))
                    .orElseThrow(() -> new IOException("no initdb under " + base + "/*/bin"));
        }
    }

    private static int majorVersion(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString().replaceAll("\\D", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static SystemCluster start(Map<String, String> settings) throws IOException {
        Path bin = findBinDir();
        boolean root = Processes.isRoot();
        if (root && !Files.isExecutable(Path.of(RUNUSER))) {
            throw new IOException("running as root but " + RUNUSER + " is missing (needed to run initdb as user postgres)");
        }
        WorkDir work = WorkDir.create("system");
        SystemCluster cluster = null;
        try {
            if (root) {
                chownToPostgres(work.dir);
            }
            int port = freePort();
            cluster = new SystemCluster(work, port, bin, root);
            cluster.initdb(settings);
            for (int attempt = 1; ; attempt++) {
                try {
                    cluster.pgCtl("start", "-l", work.serverLog().toString(), "-w", "-t", "60");
                    return cluster;
                } catch (IOException e) {
                    if (attempt >= 3 || !isBindFailure(Processes.tail(work.serverLog(), 30))) {
                        throw e;
                    }
                    cluster = new SystemCluster(work, freePort(), bin, root);
                    cluster.appendConf(Map.of("port", Integer.toString(cluster.port)));
                }
            }
        } catch (IOException | RuntimeException e) {
            try {
                if (cluster != null) {
                    cluster.killAndDelete();
                } else {
                    work.close();
                }
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static void chownToPostgres(Path dir) throws IOException {
        UserPrincipalLookupService ls = dir.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView v = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        try {
            v.setOwner(ls.lookupPrincipalByName("postgres"));
            v.setGroup(ls.lookupPrincipalByGroupName("postgres"));
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            throw new IOException("running as root but there is no OS user 'postgres' to run initdb as", e);
        }
    }

    private void initdb(Map<String, String> settings) throws IOException {
        run(List.of(bin.resolve("initdb").toString(), "-D", work.data().toString(), "-U", SUPERUSER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "-N"), work.dir.resolve("initdb.log"), 120);
        Map<String, String> all = new java.util.LinkedHashMap<>(settings);
        all.put("port", Integer.toString(port));
        all.put("unix_socket_directories", work.dir.toString()); // /var/run/postgresql may not exist or be writable
        appendConf(all);
        writeHba(work.data());
    }

    /** Later lines win in postgresql.conf, so appending is enough; every value quoted (valid for all types). */
    private void appendConf(Map<String, String> settings) throws IOException {
        StringBuilder sb = new StringBuilder("\n# cutover test-support\n");
        settings.forEach((k, v) -> sb.append(k).append(" = ").append(Identifiers.literal(v)).append('\n'));
        Files.writeString(work.data().resolve("postgresql.conf"), sb, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private void pgCtl(String action, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", work.data().toString()));
        cmd.addAll(List.of(args));
        cmd.add(action);
        run(cmd, work.dir.resolve("pg_ctl.log"), 120);
    }

    private void run(List<String> cmd, Path log, long timeoutSeconds) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of(RUNUSER, "-u", "postgres", "--"));
        }
        full.addAll(cmd);
        Processes.run(full, work.dir, log, timeoutSeconds);
    }

    @Override
    public void stop() throws IOException {
        try {
            pgCtl("stop", "-m", "fast", "-w", "-t", "30");
        } catch (IOException e) {
            // fall back to signals in killAndDelete
        }
        killAndDelete();
    }
}
