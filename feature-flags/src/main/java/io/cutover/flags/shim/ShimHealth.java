package io.cutover.flags.shim;

/**
 * What the shim has seen: whether the flag store is readable, and how often it let the legacy path act because of
 * a failure of its own (store down, stamp or journal write failed).
 */
public record ShimHealth(boolean flagStoreReadable, long fallbacks, long journalFailures, String lastProblem) { }
