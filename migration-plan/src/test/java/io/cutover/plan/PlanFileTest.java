package io.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cutover.flags.Stage;

class PlanFileTest {

    /** The sample shop's plan, beside its catalog, as the repository has it. */
    static final Path SAMPLE = Path.of("../legacy-app/src/main/cutover/plan.yaml");

    @TempDir
    Path dir;

    @BeforeEach
    void catalogAndComparatorExist() throws IOException {
        Files.writeString(dir.resolve("catalog.yaml"), "events: []\n");
        Files.writeString(dir.resolve("comparator.yaml"), "{}\n");
    }

    private Plan load(String yaml) throws IOException {
        Path file = dir.resolve("plan.yaml");
        Files.writeString(file, yaml);
        return PlanFile.load(file);
    }

    private static final String ONE_FLOW = """
            catalog: catalog.yaml
            flows:
              - id: audit
                effect: write the audit trail
                events: OrderPlaced
            """;

    @Test
    void aFlowThatStatesOnlyWhatItIsGetsTheDocumentedDefaults() throws IOException {
        Plan plan = load(ONE_FLOW);

        FlowPlan audit = plan.require("audit");
        assertThat(plan.catalog()).isEqualTo(dir.resolve("catalog.yaml").toAbsolutePath().normalize());
        assertThat(plan.comparator()).isEmpty();
        assertThat(audit.events()).containsExactly("OrderPlaced");
        assertThat(audit.consumer()).isNull();
        assertThat(audit.deadLetters()).isEqualTo(DeadLetterPolicy.DEFAULT);
        assertThat(audit.rollback()).isEqualTo(Stage.LEGACY);
        assertThat(audit.gate()).isEqualTo(GateSpec.DEFAULTS);
        assertThat(audit.autoRevert()).isEmpty();
        assertThat(audit.defaulted()).containsExactlyInAnyOrder("dead-letters", "rollback", "gate");
        assertThat(audit.line()).isEqualTo(3);
    }

    @Test
    void readsEveryFieldAndFlowsOverrideThePlansDefaults() throws IOException {
        Plan plan = load("""
                catalog: catalog.yaml
                comparator: comparator.yaml
                defaults:
                  gate: {min-compared: 50, min-observed: 2d}
                  auto-revert: {max-new-mismatches: 0}
                flows:
                  - id: stock-reservation
                    effect: reserve stock
                    events: [OrderConfirmed, OrderCancelled]
                    consumer: stock
                    dead-letters: {policy: park, max-attempts: 9}
                    rollback: shadow
                    gate:
                      min-match-rate: 99.95%
                      max-open-dead-letters: 3
                      max-lag-p99: PT45S
                    auto-revert: {max-new-dead-letters: 4}
                  - id: mail
                    effect: send mail
                    events: [OrderConfirmed]
                """);

        FlowPlan stock = plan.require("stock-reservation");
        assertThat(plan.comparator()).contains(dir.resolve("comparator.yaml").toAbsolutePath().normalize());
        assertThat(stock.consumer()).isEqualTo("stock");
        assertThat(stock.deadLetters()).isEqualTo(new DeadLetterPolicy("park", 9));
        assertThat(stock.rollback()).isEqualTo(Stage.SHADOW);
        assertThat(stock.gate()).isEqualTo(new GateSpec(50, 99.95, 3, Duration.ofSeconds(45), Duration.ofDays(2)));
        assertThat(stock.autoRevert()).contains(new AutoRevertSpec(OptionalLong.empty(), OptionalLong.of(4)));
        assertThat(stock.defaulted()).isEmpty();
        FlowPlan mail = plan.require("mail");
        assertThat(mail.gate()).isEqualTo(new GateSpec(50, GateSpec.DEFAULT_MIN_MATCH_RATE,
                GateSpec.DEFAULT_MAX_OPEN_DEAD_LETTERS, GateSpec.DEFAULT_MAX_LAG_P99, Duration.ofDays(2)));
        assertThat(mail.autoRevert()).contains(new AutoRevertSpec(OptionalLong.of(0), OptionalLong.empty()));
        assertThat(mail.defaulted()).containsExactlyInAnyOrder("dead-letters", "rollback");
        assertThatThrownBy(() -> plan.require("nope")).isInstanceOf(PlanException.class)
                .hasMessageContaining("flow 'nope' is not in the plan").hasMessageContaining("stock-reservation, mail");
    }

    @Test
    void theSampleShopsPlanCoversItsFiveFlows() {
        Plan plan = PlanFile.load(SAMPLE);

        assertThat(plan.flows()).extracting(FlowPlan::id).containsExactly("confirmation-mail", "loyalty-points",
                "stock-reservation", "warehouse-notification", "order-audit");
        assertThat(plan.flows()).allSatisfy(flow -> {
            assertThat(flow.consumer()).isEqualTo(flow.id());
            assertThat(flow.defaulted()).isEmpty();
            assertThat(flow.autoRevert()).isPresent();
        });
        assertThat(plan.require("stock-reservation").rollback()).isEqualTo(Stage.SHADOW);
        assertThat(plan.require("stock-reservation").gate().minMatchRate()).isEqualTo(99.9);
        assertThat(plan.catalog().getFileName()).hasToString("catalog.yaml");
    }

    /** Each malformed plan is refused at the line and field to fix. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key      | catalog: catalog.yaml\\nflow: []                                      | 2 | flow: unknown key, expected one of [catalog, comparator, defaults, flows]
            catalog missing            | flows: []                                                            | 1 | catalog: missing; name the event catalog file
            catalog file not found     | catalog: nope.yaml\\nflows: []                                        | 1 | catalog: file not found:
            comparator not a text      | catalog: catalog.yaml\\ncomparator: 5\\nflows: []                      | 2 | comparator: must be a text, was a number '5'
            no flows                   | catalog: catalog.yaml\\nflows: []                                     | 2 | flows: the plan has no flows
            flows not a list           | catalog: catalog.yaml\\nflows: {id: a}                                | 2 | flows: must be a list, was a mapping
            unknown flow key           | FLOW\\n    consumr: audit                                          | 7 | flows[0].consumr: unknown key, expected one of [auto-revert, consumer, dead-letters, effect, events, gate, id, rollback]
            id missing                 | catalog: catalog.yaml\\nflows:\\n  - effect: x\\n    events: [A]          | 3 | flows[0].id: missing; the flow's id in the flag store
            id not a name              | catalog: catalog.yaml\\nflows:\\n  - id: Audit Trail\\n    effect: x\\n    events: [A] | 3 | flows[0].id: 'Audit Trail' is not a name
            effect missing             | catalog: catalog.yaml\\nflows:\\n  - id: a\\n    events: [A]           | 3 | flows[0].effect: missing; describe the legacy side effect
            events empty               | catalog: catalog.yaml\\nflows:\\n  - id: a\\n    effect: x\\n    events: [] | 5 | flows[0].events: name at least one event type
            event not a text           | catalog: catalog.yaml\\nflows:\\n  - id: a\\n    effect: x\\n    events:\\n      - 12 | 6 | flows[0].events[0]: must be a text, was a number '12'
            event twice                | catalog: catalog.yaml\\nflows:\\n  - id: a\\n    effect: x\\n    events: [A, A] | 5 | flows[0].events[1]: event type 'A' is listed twice
            duplicate flow id          | FLOW\\n  - id: audit\\n    effect: y\\n    events: [B]               | 7 | flows[1].id: flow 'audit' is declared twice (first at line 3)
            unknown rollback stage     | FLOW\\n    rollback: CUTOVER                                       | 7 | flows[0].rollback: must be LEGACY or SHADOW (where the rollback switch returns the flow), was 'CUTOVER'
            unknown dead-letter policy | FLOW\\n    dead-letters: {policy: drop}                           | 7 | flows[0].dead-letters.policy: unknown policy 'drop'
            zero attempts              | FLOW\\n    dead-letters: {max-attempts: 0}                        | 7 | flows[0].dead-letters.max-attempts: must be at least 1, was 0
            unknown gate key           | FLOW\\n    gate:\\n      min-comparisons: 5                          | 8 | flows[0].gate.min-comparisons: unknown key, expected one of [max-lag-p99, max-open-dead-letters, min-compared, min-match-rate, min-observed]
            count not a number         | FLOW\\n    gate:\\n      min-compared: many                          | 8 | flows[0].gate.min-compared: must be a whole number, was a text 'many'
            negative count             | FLOW\\n    gate: {max-open-dead-letters: -1}                       | 7 | flows[0].gate.max-open-dead-letters: must not be negative, was -1
            percent above 100          | FLOW\\n    gate:\\n      min-match-rate: 101%                        | 8 | flows[0].gate.min-match-rate: must be a percentage between 0 and 100 (like 99.5 or 99.5%), was a text '101%'
            percent not a number       | FLOW\\n    gate:\\n      min-match-rate: high                        | 8 | flows[0].gate.min-match-rate: must be a percentage between 0 and 100
            bad duration               | FLOW\\n    gate:\\n      max-lag-p99: 30 seconds                     | 8 | flows[0].gate.max-lag-p99: not a duration (use 250ms, 30s, 5m, 2h, 7d or ISO-8601 like PT30S), was '30 seconds'
            negative duration          | FLOW\\n    gate:\\n      min-observed: PT-1H                         | 8 | flows[0].gate.min-observed: must not be negative, was PT-1H
            empty auto-revert          | FLOW\\n    auto-revert: {}                                         | 7 | flows[0].auto-revert: name at least one limit
            unknown auto-revert key    | FLOW\\n    auto-revert: {max-mismatches: 1}                        | 7 | flows[0].auto-revert.max-mismatches: unknown key
            defaults unknown key       | catalog: catalog.yaml\\ndefaults:\\n  rollback: SHADOW\\nflows: []      | 3 | defaults.rollback: unknown key, expected one of [auto-revert, gate]
            defaults gate bad          | catalog: catalog.yaml\\ndefaults:\\n  gate: {min-observed: soon}\\nflows: [] | 3 | defaults.gate.min-observed: not a duration
            key declared twice         | FLOW\\n    effect: again                                          | 7 | flows[0].effect: declared twice (first at line 4)
            broken YAML                | catalog: catalog.yaml\\nflows: [a\\n  x: 1                          | 3 | not valid YAML
            empty file                 | ''                                                                   | 1 | an empty plan
            """)
    void aMalformedPlanIsRefusedAtItsLineAndField(String name, String yaml, int line, String message) {
        String text = yaml.equals("''") ? "" : yaml.replace("\\n", "\n")
                .replace("FLOW", "catalog: catalog.yaml\nflows:\n  - id: audit\n    effect: write the audit trail\n"
                        + "    events: [OrderPlaced]\n    consumer: audit") + "\n";

        assertThatThrownBy(() -> load(text))
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith(dir.resolve("plan.yaml") + ":" + line + ":")
                .hasMessageContaining(message);
    }

    @Test
    void anUnreadableFileIsNamed() {
        assertThatThrownBy(() -> PlanFile.load(dir.resolve("absent.yaml")))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("absent.yaml: cannot read the plan");
    }
}
