package io.cutover.testsupport.postgres;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

import java.time.Duration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Process helpers: run a command with a timeout, find and stop a postmaster by its data dir. */
final class Processes {
    private Processes() {
    }

    /** Is the JVM running as root? initdb/postgres refuse to run as root, so we switch user or use a user namespace. */
    static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (Throwable e) { // not a Unix JVM
            return false;
        }
    }

    /** Runs {@code cmd} with output to {@code log}; throws with the log's tail when it fails or times out. */
    static void run(List<String> cmd, Path workDir, Path log, long timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("PGPASSWORD");
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " timed out after " + timeoutSeconds + " s; " + tail(log, 15));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + "; " + tail(log, 15));
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return last.isEmpty() ? "(" + file.getFileName() + " empty)" : file.getFileName() + ":\n    " + String.join("\n    ", last);
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")";
        }
    }

    /** The postmaster PID from {@code data/postmaster.pid}, if the file exists. */
    static Optional<Long> postmasterPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Alive and not a zombie (a reparented, stopped postmaster may linger as a zombie if PID 1 does not reap). */
    static boolean isRunning(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return h.get().isAlive();
        }
    }

    /**
     * Stops the postmaster of {@code dataDir} if one runs: SIGINT (= fast shutdown: releases shared memory),
     * then SIGKILL to it and its children after 10 s. Only a process whose command is a postgres binary is touched.
     */
    static void stopPostmaster(Path dataDir) {
        Optional<Long> pid = postmasterPid(dataDir);
        if (pid.isEmpty() || !isRunning(pid.get())) {
            return;
        }
        ProcessHandle h = ProcessHandle.of(pid.get()).orElse(null);
        if (h == null || !h.info().command().map(c -> c.endsWith("/postgres") || c.endsWith("/postmaster")).orElse(true)) {
            return; // PID reused by something else
        }
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid.get())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            h.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (awaitExit(pid.get(), 10_000)) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(h.descendants().toList());
        all.add(h);
        all.forEach(ProcessHandle::destroyForcibly);
        awaitExit(pid.get(), 5_000);
    }

    static boolean awaitExit(long pid, long timeoutMs) {
        RetryPolicy<Boolean> whileRunning = RetryPolicy.<Boolean>builder()
                .handleResult(true)
                .withDelay(Duration.ofMillis(50))
                .withMaxDuration(Duration.ofMillis(timeoutMs))
                .withMaxRetries(-1)
                .build();
        return !Failsafe.with(whileRunning).get(() -> isRunning(pid));
    }
}
