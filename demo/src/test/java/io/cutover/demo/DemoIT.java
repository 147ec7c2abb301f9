package io.cutover.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs the README's main command the way ./cutover runs it, on the built Liberty server of this module. */
class DemoIT {

    @Test
    void demoDrivesOrdersThroughTheLegacyShopAndShowsEverySideEffect() throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ShopDemo.Outcome outcome = Demo.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(outcome.mails()).as("one confirmation mail per confirmed order").isEqualTo(3);
        assertThat(outcome.warehouseNotifications()).as("one warehouse call per shipped order").isEqualTo(2);
        assertThat(outcome.loyaltyEntries()).as("loyalty entries").isEqualTo(3);
        assertThat(outcome.auditRows()).as("5 creations + 11 order transitions").isEqualTo(16);
        assertThat(outcome.orderStatuses()).containsExactly(
                "order 1 SHIPPED", "order 2 CANCELLED", "order 3 SHIPPED", "order 4 CANCELLED");
        assertThat(output)
                .contains("to ada@shop.test", "to grace@shop.test")
                .contains("POST /shipments")
                .contains("summary: 3 mails, 2 warehouse notifications")
                .contains("none: every flow is on the legacy path")
                .contains("== Cutover: walking flow confirmation-mail")
                .containsPattern("2 mails by the new path at cutover; 1 by the legacy path after rollback");
        // probe orders (which check that the shop follows each flag change) are compared too: at least the walk's 3
        assertThat(outcome.walk().compared()).isGreaterThanOrEqualTo(3);
        assertThat(outcome.walk().matched()).as("every shadow mail matches the legacy one")
                .isEqualTo(outcome.walk().compared());
        assertThat(outcome.walk().gateRefusedCutover()).as("the sample plan's gate wants days of shadow").isTrue();
        assertThat(output).contains("CUTOVER refused by the plan's readiness gate", "FAIL min-observed",
                "SHADOW -> CUTOVER  by operator: FORCED past failing gate checks");
        assertThat(outcome.walk().newPathMailsAtCutover()).isEqualTo(2);
        assertThat(outcome.walk().legacyMailsAfterRollback()).isEqualTo(1);
        assertThat(output).contains("CUTOVER -> LEGACY  by operator: rollback switch pulled in the demo");

        assertThat(output).contains("shadow-comparison report: " + outcome.report().html().toAbsolutePath());
        String html = Files.readString(outcome.report().html());
        assertThat(html).contains("confirmation-mail", "<svg").doesNotContain("http://", "https://");
        JsonNode flow = new ObjectMapper().readTree(outcome.report().json().toFile()).path("flows").path(0);
        assertThat(flow.path("flow").asText()).isEqualTo("confirmation-mail");
        assertThat(flow.path("compared").asLong()).as("the walk's firings, and probes compared since")
                .isGreaterThanOrEqualTo(outcome.walk().compared());
        assertThat(flow.path("stage_history").toString()).contains("FORCED past failing gate checks");
    }
}
