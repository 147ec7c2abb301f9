package io.cutover.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {

    @Test
    void defaultsAreValid() {
        RuntimeSettings settings = RuntimeSettings.ofDefaults();
        assertThat(settings.workers()).isEqualTo(RuntimeSettings.DEFAULT_WORKERS);
        assertThat(settings.retryDelays().actual(Duration.ofMillis(7))).isEqualTo(Duration.ofMillis(7));
    }

    @Test
    void aBadValueIsRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> RuntimeSettings.custom().workers(0).build())
                .isInstanceOf(ConsumerException.class).hasMessageStartingWith("workers must be");
        assertThatThrownBy(() -> RuntimeSettings.custom().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .isInstanceOf(ConsumerException.class).hasMessageStartingWith("backoff must be");
        assertThatThrownBy(() -> RuntimeSettings.custom().jitter(1.5).build())
                .isInstanceOf(ConsumerException.class).hasMessageStartingWith("jitter must be");
        assertThatThrownBy(() -> RuntimeSettings.custom().maxAttempts(0).build())
                .isInstanceOf(ConsumerException.class).hasMessageStartingWith("max-attempts must be");
    }
}
