package io.cutover.testsupport.postgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A temp dir {@code cutover-pg-*} holding one cluster's data dir and logs. The owning JVM holds a lock on
 * {@code cutover.lock}; a dir whose lock can be taken belongs to a dead JVM (kill -9: no shutdown hooks), so the
 * next start stops its orphaned postmaster and deletes it.
 */
final class WorkDir implements AutoCloseable {
    static final String PREFIX = "cutover-pg-";
    private static final String LOCK = "cutover.lock";
    /** A dir younger than this may belong to a JVM that has not taken its lock yet. */
    private static final Duration ORPHAN_MIN_AGE = Duration.ofMinutes(1);

    /**
     * Our own live dirs. The reaper must never open their lock files: closing any channel on a file drops all of
     * this process's POSIX locks on it, which would make our live cluster look orphaned to other JVMs.
     */
    private static final Set<Path> OWN = ConcurrentHashMap.newKeySet();

    final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private WorkDir(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static Path tempRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    static WorkDir create(String kind) throws IOException {
        Path dir = Files.createTempDirectory(tempRoot(), PREFIX + kind + "-");
        OWN.add(dir);
        FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock();
        if (lock == null) {
            ch.close();
            OWN.remove(dir);
            throw new IOException("cannot lock fresh work dir " + dir);
        }
        return new WorkDir(dir, ch, lock);
    }

    Path data() {
        return dir.resolve("data");
    }

    Path serverLog() {
        return dir.resolve("server.log");
    }

    /** Last lines of the server log, for error messages. */
    String logTail() {
        return Processes.tail(serverLog(), 15);
    }

    /** Releases the lock and deletes the dir (the cluster must be stopped). */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
        deleteRecursively(dir);
        OWN.remove(dir);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Stops postmasters left by dead JVMs and deletes their dirs; best effort, never throws. */
    static void reapOrphans() {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tempRoot(), PREFIX + "*")) {
            for (Path d : dirs) {
                try {
                    reapIfOrphan(d);
                } catch (Exception e) {
                    System.err.println("[cutover-pg] could not reap " + d + ": " + e);
                }
            }
        } catch (IOException e) {
            // no temp root listing: nothing to reap
        }
    }

    private static void reapIfOrphan(Path d) throws IOException {
        Path lockFile = d.resolve(LOCK);
        if (OWN.contains(d) || !Files.isDirectory(d) || !Files.exists(lockFile)
                || Files.getLastModifiedTime(d).toInstant().isAfter(Instant.now().minus(ORPHAN_MIN_AGE))) {
            return;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return; // held by this JVM
            }
            if (l == null) {
                return; // held by a live JVM
            }
            try {
                Processes.stopPostmaster(d.resolve("data"));
                System.err.println("[cutover-pg] removed orphaned cluster dir " + d);
            } finally {
                l.release();
            }
        }
        deleteRecursively(d);
    }
}
