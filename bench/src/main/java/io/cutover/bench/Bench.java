package io.cutover.bench;

import java.util.Map;
import java.util.TreeMap;

/** {@code bench/run NAME}: runs one benchmark, which ends with its single {@code RESULT NAME key=value ...} line. */
public final class Bench {

    private static final Map<String, Runnable> BENCHMARKS = new TreeMap<>(Map.of(
            "shim", ShimOverhead::run,
            "cdc", CdcThroughput::run,
            "comparator", ComparatorThroughput::run,
            "consumers", ConsumerThroughput::run,
            "e2e", EndToEndLatency::run));

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "shim", "confirm-order latency on Liberty with the Cutover shim vs the same build with it bypassed",
            "cdc", "drain of a 100k-row backlog: bridge (log in the captured cluster, and on a second server) vs bare Debezium vs raw pgoutput; commit-to-log latency; idle CPU",
            "comparator", "EffectComparator.compare on 1M synthetic effect pairs (mostly equal, some normalised, some mismatching)",
            "consumers", "consumer runtime on a 100k-event log, NEW stamps, one database effect: events/s for 1, 2, 4 workers",
            "e2e", "commit -> consumer effect latency at 1k commits/s through bridge, event log and consumer runtime");

    private Bench() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || !BENCHMARKS.containsKey(args[0])) {
            System.err.println(args.length == 0 ? "usage: bench/run NAME" : "unknown benchmark '" + args[0] + "'");
            System.err.println("benchmarks:");
            BENCHMARKS.keySet().forEach(name -> System.err.printf("  %-10s %s%n", name, DESCRIPTIONS.get(name)));
            System.exit(args.length == 0 ? 0 : 2);
        }
        BENCHMARKS.get(args[0]).run();
        System.exit(0);
    }
}
