package io.cutover.war.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.cutover.bridge.ReplicationSlot;
import io.cutover.consumers.ConsumerMetrics;
import io.cutover.consumers.DeadLetter;
import io.cutover.flags.StageChange;
import io.cutover.plan.GateVerdict;
import io.cutover.plan.host.FlowView;

/** The API's JSON shapes (the CLI client and the page read these names: keep them). */
public final class Views {

    private Views() {
    }

    public record Flow(String flow, String stage, Instant changedAt, long revision, Gate gate, long compared, double matchRate) {
    }

    public record Gate(boolean passed, List<Check> checks) {
    }

    public record Check(String name, String required, String observed, boolean passed) {
    }

    /** 409: the move the gate refused, with every check (the failing ones have {@code passed: false}). */
    public record GateRefused(int status, String title, String detail, String flow, List<Check> checks) {
    }

    public record Change(String flow, String from, String to, String actor, String reason, Instant changedAt) {
    }

    public record Consumer(String consumer, Instant at, long lagEvents, long lagMillis, long processed, long performed,
                    long shadowRecorded, long duplicates, long retries, long deadLetters, long parked,
                    long uncertainResends, double perSecond, long latencyP50Millis, long latencyP99Millis) {
    }

    public record Letter(String consumer, UUID eventId, long sequence, String partitionKey, String eventType, String error,
                  int attempts, String state, Instant deadAt) {
    }

    public record Slot(String slot, boolean exists, boolean active, Long lagBytes, String confirmedFlushLsn, String walStatus) {
    }

    static Flow flow(FlowView view) {
        return new Flow(view.flow(), view.stage().toString(), view.changedAt(), view.revision(),
                view.gate().map(Views::gate).orElse(null), view.compared(), view.matchRate());
    }

    static Gate gate(GateVerdict verdict) {
        return new Gate(verdict.passed(), verdict.checks().stream()
                .map(c -> new Check(c.name(), c.required(), c.observed(), c.passed())).toList());
    }

    static Change change(StageChange change) {
        return new Change(change.flow(), change.from() == null ? null : change.from().toString(), change.to().toString(),
                change.actor(), change.reason(), change.changedAt());
    }

    static Consumer consumer(ConsumerMetrics m) {
        return new Consumer(m.consumer(), m.at(), m.lagEvents(), m.lag().toMillis(), m.processed(), m.performed(),
                m.shadowRecorded(), m.duplicates(), m.retries(), m.deadLetters(), m.parked(), m.uncertainResends(),
                m.perSecond(), m.latencyP50() == null ? 0 : m.latencyP50().toMillis(),
                m.latencyP99() == null ? 0 : m.latencyP99().toMillis());
    }

    static Letter letter(DeadLetter d) {
        return new Letter(d.consumer(), d.eventId(), d.sequence(), d.partitionKey(), d.event().type(), d.error(),
                d.attempts(), d.state().name(), d.deadAt());
    }

    static Slot slot(String name, Optional<ReplicationSlot> slot) {
        return slot.map(s -> new Slot(name, true, s.active(), s.lagBytes(), s.confirmedFlushLsn(), s.walStatus()))
                .orElseGet(() -> new Slot(name, false, false, null, null, null));
    }
}
