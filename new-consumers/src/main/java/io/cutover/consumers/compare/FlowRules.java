package io.cutover.consumers.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.cutover.consumers.compare.spi.Normaliser;

/**
 * How one flow's effects are compared: the normalisers (ignore paths included) applied to both sides before the
 * diff, in declaration order, and the lag window within which a legacy and a shadow effect of the same firing are
 * expected. Immutable; validated when built.
 */
public final class FlowRules {

    /** Shadow runs follow the legacy commit through CDC and the event log: seconds normally, minutes when lagging. */
    public static final Duration DEFAULT_LAG_WINDOW = Duration.ofMinutes(5);

    private static final FlowRules DEFAULTS = custom().build();

    private final Duration lagWindow;
    private final Normaliser normaliser;
    private final boolean normalises;
    private final List<String> description;

    private FlowRules(Builder builder) {
        this.lagWindow = builder.lagWindow;
        this.normalises = !builder.normalisers.isEmpty();
        Normaliser all = Normaliser.none();
        for (Normaliser each : builder.normalisers) {
            all = all.andThen(each);
        }
        this.normaliser = all;
        this.description = List.copyOf(builder.description);
    }

    /** No normalisers, {@link #DEFAULT_LAG_WINDOW}. */
    public static FlowRules ofDefaults() {
        return DEFAULTS;
    }

    public static Builder custom() {
        return new Builder();
    }

    public Duration lagWindow() {
        return lagWindow;
    }

    /** All normalisers as one, in declaration order. */
    public Normaliser normaliser() {
        return normaliser;
    }

    /** False when there is nothing to normalise: the engine then compares the effects as they are. */
    public boolean normalises() {
        return normalises;
    }

    /** The rules in words ({@code ignore /sent_at}, ...), for reports and logs. */
    public List<String> description() {
        return description;
    }

    @Override
    public String toString() {
        return "FlowRules[lagWindow=" + lagWindow + ", " + description + "]";
    }

    public static final class Builder {

        private Duration lagWindow = DEFAULT_LAG_WINDOW;
        private final List<Normaliser> normalisers = new ArrayList<>();
        private final List<String> description = new ArrayList<>();

        private Builder() {
        }

        public Builder lagWindow(Duration lagWindow) {
            Objects.requireNonNull(lagWindow, "lagWindow");
            if (lagWindow.isNegative() || lagWindow.isZero()) {
                throw new ComparisonException("lag-window must be positive, was " + lagWindow);
            }
            this.lagWindow = lagWindow;
            return this;
        }

        /** Ignores the values at these JSON Pointers ({@code *} segments allowed) on both sides. */
        public Builder ignoring(String... pointers) {
            for (String pointer : pointers) {
                normalise("ignore " + pointer, Normaliser.ignoring(pointer));
            }
            return this;
        }

        public Builder normalise(Normaliser normaliser) {
            return normalise("custom normaliser", normaliser);
        }

        public Builder normalise(String description, Normaliser normaliser) {
            this.normalisers.add(Objects.requireNonNull(normaliser, "normaliser"));
            this.description.add(Objects.requireNonNull(description, "description"));
            return this;
        }

        public FlowRules build() {
            return new FlowRules(this);
        }
    }
}
