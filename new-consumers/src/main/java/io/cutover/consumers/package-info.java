/**
 * The consumer runtime: per-consumer checkpoints, idempotency, retries, dead letters and replay; shadow recording of
 * would-be effects and the comparator that matches them against the legacy path's effect journal.
 */
package io.cutover.consumers;
