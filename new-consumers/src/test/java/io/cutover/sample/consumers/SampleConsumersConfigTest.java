package io.cutover.sample.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SampleConsumersConfigTest {

    @Test
    void defaultsAreTheLegacyAppsOwnExceptForTheHostsWhichHaveNone() {
        SampleConsumersConfig config = SampleConsumersConfig.custom().smtp("mail.internal", 25)
                .warehouse("http://warehouse.internal:8081//").build();
        assertThat(config.mailFrom()).isEqualTo("shop@legacy.test");
        assertThat(config.smtpTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.warehouseTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.loyaltyRounding()).isEqualTo(LoyaltyRounding.DOWN);
        assertThat(config.warehouseUrl()).hasToString("http://warehouse.internal:8081");
        assertThat(config.withLoyaltyRounding(LoyaltyRounding.HALF_UP).loyaltyRounding()).isEqualTo(LoyaltyRounding.HALF_UP);
    }

    @Test
    void refusesAnIncompleteOrInvalidConfigNamingTheKey() {
        assertThatThrownBy(() -> SampleConsumersConfig.custom().warehouse("http://w").build())
                .hasMessageContaining("smtp-host");
        assertThatThrownBy(() -> SampleConsumersConfig.custom().smtp("m", 0).warehouse("http://w").build())
                .hasMessageContaining("smtp-port");
        assertThatThrownBy(() -> SampleConsumersConfig.custom().smtp("m", 25).build())
                .hasMessageContaining("warehouse-url");
        assertThatThrownBy(() -> SampleConsumersConfig.custom().smtp("m", 25).warehouse("ftp://w").build())
                .hasMessageContaining("warehouse-url");
        assertThatThrownBy(() -> SampleConsumersConfig.custom().smtp("m", 25).warehouse("http://w")
                .mailFrom("nobody").build()).hasMessageContaining("mail-from");
        assertThatThrownBy(() -> SampleConsumersConfig.custom().smtp("m", 25).warehouse("http://w")
                .smtpTimeout(Duration.ZERO).build()).hasMessageContaining("smtp-timeout");
    }
}
