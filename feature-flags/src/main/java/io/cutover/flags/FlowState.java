package io.cutover.flags;

import java.time.Instant;

/** A flow's current stage; {@code revision} grows by one with every change. */
public record FlowState(String flow, Stage stage, Instant changedAt, long revision) { }
