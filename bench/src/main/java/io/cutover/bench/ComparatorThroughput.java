package io.cutover.bench;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cutover.consumers.compare.Comparison;
import io.cutover.consumers.compare.EffectComparator;
import io.cutover.consumers.compare.FlowRules;
import io.cutover.consumers.compare.spi.Normaliser;

/**
 * {@code bench/run comparator}: {@link EffectComparator#compare} on 1M synthetic (legacy, shadow) pairs of small
 * effect descriptors in the shop's shapes (loyalty points, stock reservation with lines, warehouse notification),
 * a realistic mix: ~85 % byte-equal, ~10 % equal only after the flow's normalisers (sort lines, lowercase e-mail,
 * round totals, ignore a timestamp), ~5 % real mismatches. Pairs are built before timing (parsing is not counted);
 * one single thread compares, after a warm-up pass over the same pairs. In memory only.
 */
final class ComparatorThroughput {
    private static final PrintStream LOG = System.err;
    private static final int PAIRS = Integer.getInteger("comparator.pairs", 1_000_000);
    private static final int WARMUP_ROUNDS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ComparatorThroughput() {
    }

    static void run() {
        Random random = new Random(42);
        FlowRules rules = FlowRules.custom()
                .ignoring("/recorded_at")
                .normalise(Normaliser.trimmed("/subject"))
                .normalise(Normaliser.lowercased("/to"))
                .normalise(Normaliser.rounded("/total", 2))
                .normalise(Normaliser.tolerance("/points", new BigDecimal("0.5")))
                .normalise(Normaliser.sortedBy("/lines", "/sku"))
                .build();
        long build = System.nanoTime();
        JsonNode[] legacy = new JsonNode[PAIRS];
        JsonNode[] shadow = new JsonNode[PAIRS];
        int equalRaw = 0;
        int needNormalising = 0;
        int planted = 0;
        for (int i = 0; i < PAIRS; i++) {
            ObjectNode l = effect(i % 3, i, random);
            ObjectNode s = l.deepCopy();
            int roll = random.nextInt(100);
            if (roll < 85) {
                equalRaw++;
            } else if (roll < 95) {
                needNormalising++;
                normalisable(s, random);
            } else {
                planted++;
                mismatch(s, random);
            }
            legacy[i] = l;
            shadow[i] = s;
        }
        log("built %,d pairs in %.1f s: %,d equal, %,d equal after normalising, %,d real mismatches", PAIRS,
                (System.nanoTime() - build) / 1e9, equalRaw, needNormalising, planted);

        for (int round = 1; round <= WARMUP_ROUNDS; round++) {
            long t = System.nanoTime();
            int m = pass(legacy, shadow, rules);
            log("warm-up %d: %,d pairs, %d mismatches, %.0f pairs/s", round, PAIRS, m, PAIRS / ((System.nanoTime() - t) / 1e9));
        }
        System.gc();
        long start = System.nanoTime();
        int mismatches = pass(legacy, shadow, rules);
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = PAIRS / seconds;
        log("measured: %,d pairs in %.2f s = %.0f pairs/s, %d mismatches (planted %d)", PAIRS, seconds, rate, mismatches, planted);
        if (mismatches != planted) {
            throw new IllegalStateException("expected " + planted + " mismatches, comparator found " + mismatches);
        }
        System.out.printf(Locale.ROOT, "RESULT comparator pairs_per_s=%.0f pairs=%d mismatches=%d normalised_matches=%d"
                + " threads=1%n", rate, PAIRS, mismatches, needNormalising);
    }

    private static int pass(JsonNode[] legacy, JsonNode[] shadow, FlowRules rules) {
        int mismatches = 0;
        for (int i = 0; i < legacy.length; i++) {
            Comparison c = EffectComparator.compare(legacy[i], shadow[i], rules);
            if (!c.isMatch()) {
                mismatches++;
            }
        }
        return mismatches;
    }

    /** Kind 0: loyalty points; 1: stock reservation with lines; 2: warehouse shipment notification (mail-like). */
    private static ObjectNode effect(int kind, int i, Random random) {
        ObjectNode o = JSON.createObjectNode();
        String orderId = "ord-" + (100_000 + i);
        switch (kind) {
            case 0 -> {
                o.put("order_id", orderId);
                o.put("customer_id", 1_000 + random.nextInt(50_000));
                o.put("points", 10 + random.nextInt(500));
                o.put("total", new BigDecimal(random.nextInt(100_000)).movePointLeft(2));
                o.put("recorded_at", "2026-11-24T08:00:00." + (100 + random.nextInt(800)) + "Z");
            }
            case 1 -> {
                o.put("order_id", orderId);
                o.put("warehouse", "wh-" + random.nextInt(4));
                ArrayNode lines = o.putArray("lines");
                int n = 1 + random.nextInt(4);
                for (int k = 0; k < n; k++) {
                    ObjectNode line = lines.addObject();
                    line.put("sku", "SKU-" + (1000 + k * 37 + random.nextInt(30)));
                    line.put("qty", 1 + random.nextInt(5));
                }
                o.put("total", new BigDecimal(random.nextInt(100_000)).movePointLeft(2));
            }
            default -> {
                o.put("order_id", orderId);
                o.put("to", "customer" + random.nextInt(50_000) + "@example.com");
                o.put("subject", "Your order " + orderId + " has shipped");
                o.put("carrier", random.nextBoolean() ? "DHL" : "UPS");
                o.put("tracking", "TRK" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
            }
        }
        return o;
    }

    /** A difference the flow's rules absorb. */
    private static void normalisable(ObjectNode s, Random random) {
        if (s.has("lines") && s.get("lines").size() > 1) {
            ArrayNode lines = (ArrayNode) s.get("lines");
            JsonNode first = lines.remove(0);
            lines.add(first);
        } else if (s.has("to")) {
            s.put("to", s.get("to").asText().toUpperCase(Locale.ROOT));
            s.put("subject", "  " + s.get("subject").asText() + " ");
        } else if (s.has("recorded_at")) {
            s.put("recorded_at", "2026-11-24T08:00:01.000Z");
            s.put("total", s.get("total").decimalValue().add(new BigDecimal("0.001")));
        } else {
            s.put("total", s.get("total").decimalValue().setScale(4));
        }
    }

    /** A difference that matters: it must come out as a mismatch. */
    private static void mismatch(ObjectNode s, Random random) {
        if (s.has("points")) {
            s.put("points", s.get("points").asInt() + 1 + random.nextInt(5));
        } else if (s.has("lines")) {
            ObjectNode line = (ObjectNode) s.get("lines").get(0);
            line.put("qty", line.get("qty").asInt() + 1);
        } else {
            s.put("carrier", "FedEx");
        }
    }

    private static void log(String format, Object... args) {
        LOG.printf(Locale.ROOT, "[comparator] " + format + "%n", args);
    }
}
