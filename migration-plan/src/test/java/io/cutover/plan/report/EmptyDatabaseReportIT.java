package io.cutover.plan.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.w3c.dom.Document;

import io.cutover.consumers.ConsumerSchema;
import io.cutover.consumers.compare.ComparisonSchema;
import io.cutover.flags.FlagStore;
import io.cutover.flags.FlagStoreSchema;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class EmptyDatabaseReportIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private static final List<ReportedFlow> FLOWS = List.of(new ReportedFlow("loyalty-points", "loyalty"));

    @Test
    void aDatabaseWithoutTheSchemaAndThenWithAnEmptyOneReportNoComparisonsYet(Database database) throws Exception {
        DataSource dataSource = database.dataSource();

        CutoverReport bare = Reports.of(dataSource, CLOCK).build(FLOWS, Map.of());
        assertNothingCompared(bare);
        assertThat(bare.flows().get(0).stage()).isNull();

        FlagStoreSchema.migrate(dataSource);
        ConsumerSchema.migrate(dataSource);
        ComparisonSchema.migrate(dataSource);
        FlagStore.jdbc(dataSource, CLOCK).register("loyalty-points", "planned", "ops");

        CutoverReport empty = Reports.of(dataSource, CLOCK).build(FLOWS, Map.of());
        assertNothingCompared(empty);
        assertThat(empty.flows().get(0).stage()).isEqualTo("LEGACY");
        assertThat(empty.flows().get(0).stageHistory()).hasSize(1);
    }

    @Test
    void noFlowsAtAllStillMakeAPage(Database database) throws Exception {
        CutoverReport none = Reports.of(database.dataSource(), CLOCK).build(List.of(), Map.of());

        assertThat(none.totals().flows()).isZero();
        String html = ReportWriter.html(none);
        assertThat(ReportsIT.parse(html).getElementsByTagName("section").getLength()).isZero();
        assertThat(html).contains("No comparisons yet");
    }

    @Test
    void aDatabaseThatCannotBeReachedIsAReportExceptionNamingTheCause() throws Exception {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere.setPortNumbers(new int[] {socket.getLocalPort()}); // closed again before the report connects
        }
        nowhere.setServerNames(new String[] {"127.0.0.1"});
        nowhere.setDatabaseName("cutover");
        nowhere.setConnectTimeout(5);

        assertThatThrownBy(() -> Reports.of(nowhere, CLOCK).build(FLOWS, Map.of()))
                .isInstanceOf(ReportException.class)
                .hasMessageStartingWith("cannot read the report's data: ")
                .hasMessageContaining("Connection to 127.0.0.1");
    }

    private static void assertNothingCompared(CutoverReport report) throws Exception {
        assertThat(report.hasComparisons()).isFalse();
        assertThat(report.timeline()).isNull();
        assertThat(report.totals().compared()).isZero();
        assertThat(report.totals().matchRate()).isNull();
        assertThat(report.totals().withoutGate()).isEqualTo(1);
        CutoverReport.Flow flow = report.flows().get(0);
        assertThat(flow.compared()).isZero();
        assertThat(flow.matchRateOverTime()).isEmpty();
        assertThat(flow.deadLetters().open()).isZero();
        assertThat(ReportWriter.json(report)).contains("\"compared\" : 0", "\"match_rate\" : null", "\"timeline\" : null");
        String html = ReportWriter.html(report);
        Document page = ReportsIT.parse(html);
        assertThat(page.getElementsByTagName("svg").getLength()).isZero();
        assertThat(html).contains("No comparisons yet");
    }
}
