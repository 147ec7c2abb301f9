package io.cutover.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Dirs left by a kill -9'd JVM (lock file not held) are removed by the next start; live ones are not. */
class WorkDirTest {

    @Test
    void reapsUnlockedOldDirsAndKeepsLockedOrFreshOnes() throws Exception {
        // orphan: lock file present but nobody holds it, older than a minute, stale postmaster.pid of a dead process
        Path orphan = Files.createTempDirectory(WorkDir.tempRoot(), WorkDir.PREFIX + "test-");
        Files.createDirectories(orphan.resolve("data"));
        Files.writeString(orphan.resolve("cutover.lock"), "");
        Files.writeString(orphan.resolve("data/postmaster.pid"), "2147483646\n");
        Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(5, ChronoUnit.MINUTES)));

        // fresh: could belong to a JVM that has not taken its lock yet
        Path fresh = Files.createTempDirectory(WorkDir.tempRoot(), WorkDir.PREFIX + "test-");
        Files.writeString(fresh.resolve("cutover.lock"), "");

        try (WorkDir live = WorkDir.create("test")) {
            Files.setLastModifiedTime(live.dir, FileTime.from(Instant.now().minus(5, ChronoUnit.MINUTES)));

            WorkDir.reapOrphans();

            assertThat(orphan).doesNotExist();
            assertThat(fresh).exists();
            assertThat(live.dir).exists();
            assertThat(osLockHeld(live.dir.resolve("cutover.lock")))
                    .as("the reaper must not drop our own lock (closing any channel on the file would)").isTrue();
        } finally {
            WorkDir.deleteRecursively(fresh);
            WorkDir.deleteRecursively(orphan);
        }
    }

    /** Is there a POSIX lock by this process on the file? (/proc/locks: "... POSIX ADVISORY WRITE pid maj:min:inode ...") */
    private static boolean osLockHeld(Path file) throws Exception {
        long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        String pid = Long.toString(ProcessHandle.current().pid());
        return Files.readAllLines(Path.of("/proc/locks")).stream().map(l -> l.trim().split("\\s+"))
                .anyMatch(f -> f.length > 5 && f[1].equals("POSIX") && f[4].equals(pid) && f[5].endsWith(":" + inode));
    }

    @Test
    void closeDeletesTheDirectory() throws Exception {
        WorkDir w = WorkDir.create("test");
        Files.createDirectories(w.data().resolve("base/1"));
        Files.writeString(w.data().resolve("base/1/file"), "x");
        w.close();
        assertThat(w.dir).doesNotExist();
    }
}
