package io.cutover.war;

import java.util.function.ToDoubleFunction;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import io.cutover.bridge.ReplicationSlot;
import io.cutover.consumers.ConsumerMetrics;
import io.cutover.flags.FlowState;
import io.cutover.plan.host.CutoverHost;

/**
 * The host's figures as MicroProfile gauges (application registry): per consumer lag, processed and dead letters,
 * the bridge's restarts after failures, the slot's lag, and per flow the shadow match rate. A figure that cannot be
 * read right now reads -1.
 */
final class HostGauges {

    private HostGauges() {
    }

    static void register(MetricRegistry registry, CutoverHost host) {
        for (ConsumerMetrics consumer : host.consumers()) {
            Tag tag = new Tag("consumer", consumer.consumer());
            consumerGauge(registry, host, "cutover.consumer.lag.events", tag, ConsumerMetrics::lagEvents);
            consumerGauge(registry, host, "cutover.consumer.processed", tag, ConsumerMetrics::processed);
            consumerGauge(registry, host, "cutover.consumer.dead.letters", tag, ConsumerMetrics::deadLetters);
        }
        registry.gauge("cutover.bridge.restarts", host, h -> h.bridge().stats().restarts());
        registry.gauge("cutover.slot.lag.bytes", host, h -> orUnknown(() -> h.slot().map(ReplicationSlot::lagBytes).orElse(-1L)));
        for (FlowState flow : host.flags().flows()) {
            registry.gauge("cutover.flow.match.rate", host, h -> orUnknown(() -> h.matchRate(flow.flow()).orElse(-1)),
                    new Tag("flow", flow.flow()));
        }
    }

    private static void consumerGauge(MetricRegistry registry, CutoverHost host, String name, Tag tag,
                                      ToDoubleFunction<ConsumerMetrics> figure) {
        registry.gauge(name, host, h -> orUnknown(() -> figure.applyAsDouble(h.consumer(tag.getTagValue()))), tag);
    }

    private static double orUnknown(java.util.function.DoubleSupplier figure) {
        try {
            return figure.getAsDouble();
        } catch (RuntimeException e) { // a scrape must not fail because the database blinked
            return -1;
        }
    }
}
