package io.cutover.plan.report;

import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import io.cutover.plan.GateVerdict;
import io.cutover.plan.Plan;
import io.cutover.plan.StageChanges;
import io.cutover.plan.report.internal.ReportAssembler;

/**
 * Builds shadow-comparison reports from the {@code cutover} schema of one database (comparison results, flag store,
 * dead letters). Read-only; tables not created yet read as empty.
 *
 * <pre>{@code
 * CutoverReport report = Reports.of(dataSource, clock).build(flows, verdicts);
 * ReportFiles files = ReportWriter.write(report, dir);
 * }</pre>
 */
public final class Reports {

    /** Mismatch samples per flow, newest first. */
    public static final int DEFAULT_SAMPLES = 10;
    /** Open dead letters listed per flow (all are counted), newest first. */
    public static final int DEFAULT_DEAD_LETTERS = 5;

    private final DataSource dataSource;
    private final Clock clock;
    private final int samples;
    private final int deadLetters;

    private Reports(DataSource dataSource, Clock clock, int samples, int deadLetters) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (samples < 0) {
            throw new IllegalArgumentException("samples must not be negative, was " + samples);
        }
        if (deadLetters < 0) {
            throw new IllegalArgumentException("deadLetters must not be negative, was " + deadLetters);
        }
        this.samples = samples;
        this.deadLetters = deadLetters;
    }

    public static Reports of(DataSource dataSource, Clock clock) {
        return new Reports(dataSource, clock, DEFAULT_SAMPLES, DEFAULT_DEAD_LETTERS);
    }

    /** The same reports listing up to {@code samples} mismatches and {@code deadLetters} dead letters per flow. */
    public Reports listing(int samples, int deadLetters) {
        return new Reports(dataSource, clock, samples, deadLetters);
    }

    /**
     * The report of {@code flows}, in their order, stamped with the clock's instant.
     *
     * @param verdicts gate verdicts by flow name; a flow without one is reported as having no gate
     * @throws ReportException when the database cannot be read
     */
    public CutoverReport build(List<ReportedFlow> flows, Map<String, GateVerdict> verdicts) {
        Objects.requireNonNull(verdicts, "verdicts");
        if (new HashSet<>(flows.stream().map(ReportedFlow::flow).toList()).size() != flows.size()) {
            throw new IllegalArgumentException("each flow can be reported once, got " + flows);
        }
        return new ReportAssembler(dataSource, clock, samples, deadLetters).build(flows, verdicts);
    }

    /** The report of every flow of {@code plan}, in the plan's order, each with its gate evaluated now. */
    public CutoverReport build(Plan plan, StageChanges changes) {
        Map<String, GateVerdict> verdicts = new LinkedHashMap<>();
        plan.flows().forEach(flow -> verdicts.put(flow.id(), changes.verdict(flow.id())));
        return build(plan.flows().stream().map(flow -> new ReportedFlow(flow.id(), flow.consumer())).toList(), verdicts);
    }
}
