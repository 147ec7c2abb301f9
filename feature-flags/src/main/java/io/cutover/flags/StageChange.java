package io.cutover.flags;

import java.time.Instant;

/** One audited change of a flow's stage; {@code from} is null when the flow was first registered. */
public record StageChange(String flow, Stage from, Stage to, String actor, String reason, Instant changedAt) { }
