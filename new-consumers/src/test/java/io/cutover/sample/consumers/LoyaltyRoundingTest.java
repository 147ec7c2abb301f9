package io.cutover.sample.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class LoyaltyRoundingTest {

    @Test
    void downIsTheLegacyRuleOnePointPerWholeUnit() {
        assertThat(LoyaltyRounding.DOWN.pointsFor(new BigDecimal("54.98"))).isEqualTo(54);
        assertThat(LoyaltyRounding.DOWN.pointsFor(new BigDecimal("49.99"))).isEqualTo(49);
        assertThat(LoyaltyRounding.DOWN.pointsFor(new BigDecimal("0.99"))).isZero();
        assertThat(LoyaltyRounding.DOWN.pointsFor(new BigDecimal("37.00"))).isEqualTo(37);
    }

    @Test
    void halfUpDiffersFromHalfAUnitUpwards() {
        assertThat(LoyaltyRounding.HALF_UP.pointsFor(new BigDecimal("54.98"))).isEqualTo(55);
        assertThat(LoyaltyRounding.HALF_UP.pointsFor(new BigDecimal("54.50"))).isEqualTo(55);
        assertThat(LoyaltyRounding.HALF_UP.pointsFor(new BigDecimal("54.49"))).isEqualTo(54);
    }
}
