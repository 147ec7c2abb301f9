package io.cutover.sample.legacy.effects;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class LoyaltyPointsTest {

    @Test
    void earnsOnePointPerWholeCurrencyUnitRoundedDown() {
        assertThat(LoyaltyPoints.pointsFor(new BigDecimal("54.98"))).isEqualTo(54);
        assertThat(LoyaltyPoints.pointsFor(new BigDecimal("100.00"))).isEqualTo(100);
        assertThat(LoyaltyPoints.pointsFor(new BigDecimal("0.99"))).isZero();
    }
}
