package io.cutover.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Runs the README's main command the way ./cutover runs it, on the built Liberty server of this module. */
class DemoIT {

    @Test
    void demoDrivesOrdersThroughTheLegacyShopAndShowsEverySideEffect() {
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
        assertThat(outcome.walk().newPathMailsAtCutover()).isEqualTo(2);
        assertThat(outcome.walk().legacyMailsAfterRollback()).isEqualTo(1);
    }
}
