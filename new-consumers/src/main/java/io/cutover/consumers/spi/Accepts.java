package io.cutover.consumers.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The event types and versions a consumer accepts. Types it does not name pass it by; a named type in a version it
 * does not name is a dead letter (a breaking change the consumer was not built for).
 */
public final class Accepts {
    private final Map<String, Set<Integer>> versions;

    private Accepts(Map<String, Set<Integer>> versions) {
        this.versions = versions;
    }

    /** {@code Accepts.of("OrderConfirmed", 1, 2)}. */
    public static Accepts of(String type, int... versions) {
        return new Accepts(Map.of()).and(type, versions);
    }

    /** A copy that also accepts {@code type} in {@code versions}. */
    public Accepts and(String type, int... versions) {
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("accepted event type must not be blank");
        }
        if (versions.length == 0) {
            throw new IllegalArgumentException("accepted event type " + type + " needs at least one version");
        }
        Set<Integer> set = new TreeSet<>(this.versions.getOrDefault(type, Set.of()));
        for (int v : versions) {
            if (v < 1) {
                throw new IllegalArgumentException("version of " + type + " must be >= 1, was " + v);
            }
            set.add(v);
        }
        Map<String, Set<Integer>> copy = new LinkedHashMap<>(this.versions);
        copy.put(type, Collections.unmodifiableSet(set));
        return new Accepts(Collections.unmodifiableMap(copy));
    }

    /** Whether the consumer is interested in this type at all. */
    public boolean type(String type) {
        return versions.containsKey(type);
    }

    public boolean version(String type, int version) {
        return versions.getOrDefault(type, Set.of()).contains(version);
    }

    public Set<Integer> versionsOf(String type) {
        return versions.getOrDefault(type, Set.of());
    }

    public Set<String> types() {
        return versions.keySet();
    }

    @Override
    public String toString() {
        return versions.entrySet().stream()
                .map(e -> e.getKey() + " v" + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(",v")))
                .collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Accepts a && versions.equals(a.versions);
    }

    @Override
    public int hashCode() {
        return versions.hashCode();
    }
}
