package io.cutover.plan.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.cutover.bridge.Bridge;

class HostHealthTest {
    private static final long BOUND = 1000;

    @Test
    void isReadyWhileCaptureRunsWithinTheLagBoundAndTheFlagStoreAnswers() {
        assertThat(new HostHealth(Bridge.State.RUNNING, Optional.empty(), Optional.of(BOUND), BOUND, true).ready()).isTrue();
    }

    @Test
    void isNotReadyWhenTheSlotLagsTooFarOrCannotBeRead() {
        assertThat(new HostHealth(Bridge.State.RUNNING, Optional.empty(), Optional.of(BOUND + 1), BOUND, true).ready())
                .isFalse();
        assertThat(new HostHealth(Bridge.State.RUNNING, Optional.empty(), Optional.empty(), BOUND, true).ready()).isFalse();
    }

    @Test
    void isNotReadyWithoutTheFlagStore() {
        assertThat(new HostHealth(Bridge.State.RUNNING, Optional.empty(), Optional.of(0L), BOUND, false).ready()).isFalse();
    }

    @Test
    void isLiveUntilTheEngineFailsAndNeverReadyWhileCaptureIsNotRunning() {
        HostHealth failed = new HostHealth(Bridge.State.FAILED, Optional.of("log unwritable"), Optional.of(0L), BOUND, true);
        assertThat(failed.live()).isFalse();
        assertThat(failed.ready()).isFalse();
        HostHealth starting = new HostHealth(Bridge.State.STARTING, Optional.empty(), Optional.of(0L), BOUND, true);
        assertThat(starting.live()).isTrue();
        assertThat(starting.ready()).isFalse();
    }
}
