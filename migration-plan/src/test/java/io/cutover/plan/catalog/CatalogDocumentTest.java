package io.cutover.plan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.cutover.bridge.EventCatalog;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanFile;

class CatalogDocumentTest {

    private static final Plan SAMPLE = PlanFile.load(Path.of("../legacy-app/src/main/cutover/plan.yaml"));
    private static final CatalogDocument DOCUMENT = new CatalogDocument(EventCatalog.load(SAMPLE.catalog()), SAMPLE);

    @Test
    void theTableListsEveryEventWithItsPublisherListenersAndIdempotency() {
        String markdown = DOCUMENT.markdown();

        assertThat(markdown).startsWith("# Event catalog\n\nGenerated from catalog.yaml and plan.yaml.\n\n"
                + "| event | version | payload | publisher | listeners | delivery | idempotency |\n");
        assertThat(markdown).contains("| OrderConfirmed | 1 | order_id, customer_id, total, confirmed_at"
                + " | public.orders update status: PENDING -> CONFIRMED"
                + " | confirmation-mail (confirmation-mail), loyalty-points (loyalty-points), stock-reservation"
                + " (stock-reservation), order-audit (order-audit) | async, via the event log"
                + " | runtime mark (consumer, event_id) |\n");
        assertThat(markdown).contains("| StockReserved | 1 | movement_id, product_id, order_id, quantity, reserved_at"
                + " | public.stock_movements insert where kind = RESERVED | — | — | — |\n");
        assertThat(markdown).contains("| stock-reservation | reserve the lines' stock on confirm, release it on cancel,"
                + " ship it on ship (stock_movements, counters) | OrderConfirmed, OrderCancelled, OrderShipped"
                + " | stock-reservation | park after 5 attempts | SHADOW | ≥ 200 compared, ≥ 99.9 % match, ≤ 0 parked,"
                + " lag p99 ≤ 30s, ≥ 3d in shadow |\n");
        assertThat(markdown.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| event") && !l.startsWith("| flow")))
                .hasSize(14 + 5);
        assertThat(markdown).contains("```mermaid\nflowchart LR\n").endsWith("```\n");
    }

    @Test
    void theDiagramRunsFromTableToEventToConsumerToEffect() {
        String mermaid = DOCUMENT.mermaid();

        assertThat(mermaid).startsWith("flowchart LR\n").contains(
                "  table_public_orders[(\"public.orders\")]\n",
                "  event_OrderConfirmed([\"OrderConfirmed\"])\n",
                "  table_public_orders -->|\"update status: PENDING -> CONFIRMED\"| event_OrderConfirmed\n",
                "  consumer_confirmation_mail[[\"confirmation-mail\"]]\n",
                "  event_OrderConfirmed --> consumer_confirmation_mail\n",
                "  consumer_confirmation_mail -->|\"confirmation-mail\"| effect_confirmation_mail>\"mail the customer the"
                        + " order confirmation (SMTP), when the order is confirmed\"]\n");
    }
}
