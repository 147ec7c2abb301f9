package io.cutover.plan.report.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.cutover.consumers.compare.ComparisonException;
import io.cutover.consumers.compare.ComparisonMode;
import io.cutover.consumers.compare.ComparisonResults;
import io.cutover.consumers.compare.FlowSummary;
import io.cutover.consumers.compare.MismatchSample;
import io.cutover.consumers.compare.Outcome;
import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagsException;
import io.cutover.flags.FlowState;
import io.cutover.flags.StageChange;
import io.cutover.plan.GateVerdict;
import io.cutover.plan.report.CutoverReport;
import io.cutover.plan.report.CutoverReport.Calibration;
import io.cutover.plan.report.CutoverReport.DeadLetters;
import io.cutover.plan.report.CutoverReport.Flow;
import io.cutover.plan.report.CutoverReport.Gate;
import io.cutover.plan.report.CutoverReport.Lag;
import io.cutover.plan.report.CutoverReport.Mismatch;
import io.cutover.plan.report.CutoverReport.Outcomes;
import io.cutover.plan.report.CutoverReport.StageStep;
import io.cutover.plan.report.CutoverReport.Timeline;
import io.cutover.plan.report.ReportException;
import io.cutover.plan.report.ReportedFlow;

/**
 * Reads a report from the {@code cutover} schema: comparison summaries, the flag store's stages and audit, the
 * results over time and the consumers' dead letters. Tables not created yet read as empty, so a fresh database gives
 * a report that says nothing was compared yet.
 */
public final class ReportAssembler {

    private final DataSource dataSource;
    private final Clock clock;
    private final int samples;
    private final int deadLetters;

    public ReportAssembler(DataSource dataSource, Clock clock, int samples, int deadLetters) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.samples = samples;
        this.deadLetters = deadLetters;
    }

    public CutoverReport build(List<ReportedFlow> flows, Map<String, GateVerdict> verdicts) {
        try (Connection connection = dataSource.getConnection()) {
            ReportQueries queries = new ReportQueries(connection);
            boolean compared = queries.exists("cutover.comparison_result");
            boolean flagged = queries.exists("cutover.flow");
            boolean dead = queries.exists("cutover.consumer_dead_letter");

            List<String> names = flows.stream().map(ReportedFlow::flow).toList();
            Optional<Timeline> timeline = compared ? queries.timeline(names) : Optional.empty();
            Map<String, FlowSummary> summaries = new HashMap<>();
            Map<String, FlowSummary> calibrations = new HashMap<>();
            if (compared) {
                ComparisonResults results = ComparisonResults.of(dataSource);
                results.summaries(ComparisonMode.SHADOW, samples).forEach(summary -> summaries.put(summary.flow(), summary));
                results.summaries(ComparisonMode.CALIBRATION, 0)
                        .forEach(summary -> calibrations.put(summary.flow(), summary));
            }
            FlagStore flagStore = FlagStore.jdbc(dataSource, clock);
            Map<String, FlowState> stages = new HashMap<>();
            if (flagged) {
                flagStore.flows().forEach(state -> stages.put(state.flow(), state));
            }

            List<Flow> reported = new ArrayList<>();
            for (ReportedFlow flow : flows) {
                FlowSummary summary = summaries.get(flow.flow());
                FlowSummary calibration = calibrations.get(flow.flow());
                FlowState state = stages.get(flow.flow());
                boolean deadLettersKnown = dead && flow.consumer() != null;
                reported.add(new Flow(flow.flow(), flow.consumer(),
                        state == null ? null : state.stage().toString(),
                        state == null ? List.of() : history(flagStore.history(flow.flow())),
                        summary == null ? 0 : summary.compared(),
                        summary == null || summary.compared() == 0 ? null : summary.matchRate(),
                        summary == null ? Outcomes.NONE : outcomes(summary),
                        timeline.isPresent() && summary != null
                                ? queries.matchRateOverTime(flow.flow(), timeline.get()) : List.of(),
                        summary == null ? null : lag(summary),
                        summary == null ? List.of() : summary.samples().stream().map(ReportAssembler::mismatch).toList(),
                        deadLettersKnown ? new DeadLetters(queries.openDeadLetters(flow.consumer()),
                                queries.recentDeadLetters(flow.consumer(), deadLetters)) : DeadLetters.NONE,
                        gate(verdicts.get(flow.flow())),
                        calibration == null ? null : new Calibration(calibration.compared(), calibration.matchRate())));
            }
            return new CutoverReport(clock.instant(), totals(reported), timeline.orElse(null), reported);
        } catch (SQLException | FlagsException | ComparisonException e) {
            throw new ReportException("cannot read the report's data: " + e.getMessage(), e);
        }
    }

    private static List<StageStep> history(List<StageChange> changes) {
        return changes.stream().map(change -> new StageStep(change.changedAt(),
                change.from() == null ? null : change.from().toString(), change.to().toString(), change.actor(),
                change.reason())).toList();
    }

    private static Outcomes outcomes(FlowSummary summary) {
        return new Outcomes(summary.count(Outcome.MATCH), summary.count(Outcome.MISMATCH),
                summary.count(Outcome.MISSING_IN_NEW), summary.count(Outcome.MISSING_IN_LEGACY),
                summary.count(Outcome.LATE));
    }

    private static Lag lag(FlowSummary summary) {
        return summary.lagP50() == null ? null
                : new Lag(summary.lagP50().toMillis(), summary.lagP95().toMillis(), summary.lagP99().toMillis());
    }

    private static Mismatch mismatch(MismatchSample sample) {
        return new Mismatch(sample.occurrenceKey(), sample.outcome().name(), sample.legacyId(), sample.shadowId(),
                sample.lagMillis(), sample.comparedAt(), sample.diff());
    }

    private static Gate gate(GateVerdict verdict) {
        return verdict == null ? null : new Gate(verdict.passed(), verdict.evaluatedAt(), verdict.checks());
    }

    private static CutoverReport.Totals totals(List<Flow> flows) {
        Outcomes outcomes = Outcomes.NONE;
        long openDeadLetters = 0;
        int passed = 0;
        int failed = 0;
        for (Flow flow : flows) {
            outcomes = outcomes.plus(flow.outcomes());
            openDeadLetters += flow.deadLetters().open();
            if (flow.gate() != null) {
                if (flow.gate().passed()) {
                    passed++;
                } else {
                    failed++;
                }
            }
        }
        long compared = outcomes.total();
        return new CutoverReport.Totals(flows.size(), compared,
                compared == 0 ? null : (double) outcomes.match() / compared, outcomes, openDeadLetters, passed, failed,
                flows.size() - passed - failed);
    }
}
