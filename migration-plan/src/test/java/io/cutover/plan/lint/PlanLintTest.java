package io.cutover.plan.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cutover.plan.PlanFile;
import io.cutover.plan.lint.Finding.Severity;

class PlanLintTest {

    @TempDir
    Path dir;

    @Test
    void theSampleShopsPlanHasNoErrorsNorWarnings() {
        List<Finding> findings = PlanLint.check(PlanFile.load(Path.of("../legacy-app/src/main/cutover/plan.yaml")));

        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).as(f.toString()).isEqualTo(Severity.INFO));
        assertThat(findings).filteredOn(f -> f.rule().equals("consumer")).hasSize(5).first().extracting(Finding::message)
                .asString().contains("idempotent through the consumer runtime's (consumer, event_id) mark");
        assertThat(findings).filteredOn(f -> f.rule().equals("version")).singleElement().extracting(Finding::message)
                .asString().startsWith("14 of 14 events declare no version, so version 1 is assumed (CustomerRegistered,");
        assertThat(PlanLint.summary(findings)).isEqualTo("0 errors, 0 warnings, 6 notes");
    }

    private List<String> lint(String catalog, String plan) throws IOException {
        Files.writeString(dir.resolve("catalog.yaml"), catalog);
        Files.writeString(dir.resolve("comparator.yaml"), "flows:\n  audit:\n    lag-window: soon\n");
        Files.writeString(dir.resolve("plan.yaml"), plan);
        return PlanLint.check(PlanFile.load(dir.resolve("plan.yaml"))).stream()
                .map(f -> f.severity() + " " + dir.relativize(Path.of(f.file())) + ":" + f.line() + " " + f.rule())
                .toList();
    }

    @Test
    void eachProblemIsANamedFindingAtItsLine() throws IOException {
        String catalog = """
                events:
                  - type: OrderConfirmed
                    table: shop.orders
                    operation: update
                    transition: {status: PENDING -> CONFIRMED}
                    partition_key: id
                    payload: [id, customer_id, total]
                  - type: CustomerRegistered
                    table: shop.customers
                    operation: insert
                    version: 1
                    partition_key: id
                    correlation: id
                    payload: [id, name, email, street, city, zip, country, phone, birthday, notes]
                """;
        String plan = """
                catalog: catalog.yaml
                comparator: comparator.yaml
                flows:
                  - id: mail
                    effect: send the confirmation mail
                    events: [OrderConfirmed, OrderPaid]
                  - id: audit
                    effect: write the audit trail
                    events: [OrderConfirm]
                    consumer: audit
                    dead-letters: {policy: park}
                    rollback: SHADOW
                    gate: {min-compared: 10}
                    auto-revert: {max-new-mismatches: 0}
                """;

        assertThat(lint(catalog, plan)).containsExactly(
                "ERROR catalog.yaml:2 correlation",
                "ERROR comparator.yaml:3 comparator",
                "ERROR plan.yaml:4 events",
                "ERROR plan.yaml:4 consumer",
                "ERROR plan.yaml:7 past-tense",
                "WARN catalog.yaml:8 payload",
                "WARN plan.yaml:4 dead-letters",
                "WARN plan.yaml:4 rollback",
                "WARN plan.yaml:4 gate",
                "INFO catalog.yaml:2 version",
                "INFO plan.yaml:4 auto-revert",
                "INFO plan.yaml:7 consumer");
    }

    @Test
    void findingsSayWhatIsWrongAndWhatToDo() throws IOException {
        Files.writeString(dir.resolve("catalog.yaml"), """
                events:
                  - type: OrderConfirmed
                    table: shop.orders
                    operation: update
                    partition_key: id
                    payload: [id]
                """);
        Files.writeString(dir.resolve("plan.yaml"), """
                catalog: catalog.yaml
                flows:
                  - id: mail
                    effect: send the confirmation mail
                    events: [OrderConfirmed, OrderPaid]
                """);

        List<Finding> findings = PlanLint.check(PlanFile.load(dir.resolve("plan.yaml")));

        assertThat(findings).extracting(Finding::toString).contains(
                "ERROR " + dir.resolve("catalog.yaml").toAbsolutePath().normalize() + ":2: [correlation] OrderConfirmed"
                        + " triggers flow(s) mail but names no correlation column: its events carry no correlation_id to"
                        + " trace a firing by",
                "ERROR " + dir.resolve("plan.yaml") + ":3: [events] flow mail is triggered by OrderPaid, which the catalog"
                        + " catalog.yaml does not publish",
                "WARN  " + dir.resolve("plan.yaml") + ":3: [gate] flow mail: no gate declared (nor defaults.gate); the"
                        + " defaults apply: min-compared 100, min-match-rate 99.9 %, max-open-dead-letters 0, max-lag-p99 1m,"
                        + " min-observed 1d");
    }

    @Test
    void comparatorRulesForAFlowThePlanDoesNotHaveAreAWarning() throws IOException {
        Files.writeString(dir.resolve("catalog.yaml"), """
                events:
                  - type: OrderConfirmed
                    table: shop.orders
                    operation: update
                    version: 1
                    partition_key: id
                    correlation: id
                    payload: [id]
                """);
        Files.writeString(dir.resolve("comparator.yaml"), "flows:\n  mail: {}\n  confirmation-mial:\n    ignore: /at\n");
        Files.writeString(dir.resolve("plan.yaml"), """
                catalog: catalog.yaml
                comparator: comparator.yaml
                flows:
                  - id: mail
                    effect: send the confirmation mail
                    events: [OrderConfirmed]
                    consumer: mail
                    dead-letters: {policy: park}
                    rollback: LEGACY
                    gate: {min-compared: 10}
                """);

        assertThat(PlanLint.check(PlanFile.load(dir.resolve("plan.yaml"))))
                .filteredOn(f -> f.severity() != Severity.INFO).extracting(Finding::toString).containsExactly(
                        "WARN  " + dir.resolve("comparator.yaml").toAbsolutePath().normalize() + ":3: [comparator] rules for"
                                + " flow confirmation-mial, which the plan does not list; a misspelt flow id? (the flow is"
                                + " compared by the defaults)");
    }

    @Test
    void aBrokenCatalogIsReportedProblemByProblemAndNamesAnEventNotInThePastTense() throws IOException {
        List<String> findings = lint("""
                events:
                  - type: ConfirmOrder
                    table: shop.orders
                    operation: update
                    partition_key: id
                    payload: [id]
                  - type: OrderShipped
                    table: orders
                    operation: update
                    partition_key: id
                    payload: [id]
                """, """
                catalog: catalog.yaml
                flows:
                  - id: mail
                    effect: send the confirmation mail
                    events: [OrderShipped]
                    consumer: mail
                    dead-letters: {policy: park}
                    rollback: LEGACY
                    gate: {min-compared: 10}
                """);

        assertThat(findings).containsExactly("ERROR catalog.yaml:2 past-tense", "ERROR catalog.yaml:8 catalog",
                "INFO plan.yaml:3 consumer", "INFO plan.yaml:3 auto-revert");
    }
}
