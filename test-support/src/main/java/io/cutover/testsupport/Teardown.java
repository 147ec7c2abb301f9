package io.cutover.testsupport;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What an environment started, closed in reverse order: later things depend on earlier ones (Liberty on the
 * database it was told about). Every close is attempted; the first failure is thrown with the others suppressed.
 */
public final class Teardown implements AutoCloseable {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final String what;

    /** {@code what} names the environment in the failure message, e.g. "the demo environment". */
    public Teardown(String what) {
        this.what = what;
    }

    /** Remembers {@code resource} for {@link #close()} and returns it. */
    public <T extends AutoCloseable> T add(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public void close() {
        IllegalStateException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping " + what + " failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
