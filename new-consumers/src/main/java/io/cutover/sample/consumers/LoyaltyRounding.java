package io.cutover.sample.consumers;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How an order total becomes loyalty points. {@link #DOWN} is the legacy rule; {@link #HALF_UP} is the deliberate,
 * realistic slip of a rewrite ("round to the nearest point") kept so that comparator tests can prove they catch it.
 */
public enum LoyaltyRounding {
    /** The legacy rule: 1 point per whole currency unit, rounded down (54.98 earns 54). */
    DOWN(RoundingMode.DOWN),
    /** The deliberate difference: rounded half up (54.98 earns 55, 54.49 earns 54). */
    HALF_UP(RoundingMode.HALF_UP);

    private final RoundingMode mode;

    LoyaltyRounding(RoundingMode mode) {
        this.mode = mode;
    }

    public int pointsFor(BigDecimal total) {
        return total.setScale(0, mode).intValueExact();
    }
}
