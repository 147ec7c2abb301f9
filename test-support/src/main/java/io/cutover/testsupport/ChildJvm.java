package io.cutover.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A main class run in a child JVM on this JVM's class path, so that a crash test can SIGKILL it
 * ({@code process().destroyForcibly()}) and start it again. Its stdout lines are collected as they come; its stderr
 * goes to a file. Secrets go in {@code environment}, never in the command line that {@code ps} shows.
 */
public final class ChildJvm {

    private final Process process;
    private final String name;
    private final Path stderr;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ChildJvm(Process process, String name, Path stderr) {
        this.process = process;
        this.name = name;
        this.stderr = stderr;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(stdout lost: " + e.getMessage() + ")");
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java <jvmOptions> -cp <this class path> <mainClass> <args>}. */
    public static ChildJvm start(Class<?> mainClass, List<String> jvmOptions, List<String> args,
                                 Map<String, String> environment, Path stderr) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        return new ChildJvm(builder.start(), "child-" + mainClass.getSimpleName() + "-" + stderr.getFileName(), stderr);
    }

    public Process process() {
        return process;
    }

    /** Every stdout line so far, live. */
    public List<String> lines() {
        return lines;
    }

    /** True once a stdout line starts with {@code prefix}; fails at once (not after a timeout) when the child died. */
    public boolean printed(String prefix) {
        if (lines.stream().anyMatch(line -> line.startsWith(prefix))) {
            return true;
        }
        requireAlive();
        return false;
    }

    /** True while the child runs; an {@link AssertionError} with its exit status and output once it exited by itself. */
    public boolean requireAlive() {
        if (!process.isAlive()) {
            throw new AssertionError(name + " exited on its own with status " + process.exitValue() + ": " + lines
                    + " (stderr in " + stderr + ")");
        }
        return true;
    }

    /** SIGKILL on Linux: no shutdown hook, nothing saved on the way out; waits until it is gone, returns its status. */
    public int sigkill() throws InterruptedException {
        process.destroyForcibly();
        return awaitExit(Duration.ofSeconds(10), "after SIGKILL");
    }

    /** Closes its stdin, which the crash tests' children take as the signal to stop cleanly; returns its status. */
    public int stop(Duration patience) throws IOException, InterruptedException {
        process.getOutputStream().close();
        return awaitExit(patience, "after its stdin ended");
    }

    private int awaitExit(Duration patience, String when) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still runs " + patience.toSeconds() + " s " + when);
        }
        return process.exitValue();
    }
}
