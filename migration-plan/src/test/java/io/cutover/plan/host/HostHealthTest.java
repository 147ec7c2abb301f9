package io.cutover.plan.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.cutover.bridge.Bridge;

class HostHealthTest {
    private static final long BOUND = 1000;

    @Test
    void isReadyWhileCaptureRunsWithinTheLagBoundAndTheFlagStoreAnswers() {
        HostHealth health = new HostHealth(Bridge.State.RUNNING, Optional.empty(), Optional.of(BOUND), BOUND, true);
        assertThat(health.ready()).isTrue();
        assertThat(health.notReadyBecause()).isEmpty();
    }

    @Test
    void isNotReadyWhenTheSlotLagsTooFarOrCannotBeRead() {
        HostHealth lagging = new HostHealth(Bridge.State.RUNNING, Optional.empty(), Optional.of(BOUND + 1), BOUND, true);
        assertThat(lagging.ready()).isFalse();
        assertThat(lagging.notReadyBecause()).hasValue("slot lag 1001 bytes exceeds 1000");
        HostHealth unknown = new HostHealth(Bridge.State.RUNNING, Optional.empty(), Optional.empty(), BOUND, true);
        assertThat(unknown.ready()).isFalse();
        assertThat(unknown.notReadyBecause()).hasValue("the slot's lag cannot be read (slot missing or database unreachable)");
    }

    @Test
    void isNotReadyWithoutTheFlagStore() {
        HostHealth health = new HostHealth(Bridge.State.RUNNING, Optional.empty(), Optional.of(0L), BOUND, false);
        assertThat(health.ready()).isFalse();
        assertThat(health.notReadyBecause()).hasValue("the flag store does not answer");
    }

    @Test
    void isLiveUntilTheEngineFailsAndNeverReadyWhileCaptureIsNotRunning() {
        HostHealth failed = new HostHealth(Bridge.State.FAILED, Optional.of("log unwritable"), Optional.of(0L), BOUND, true);
        assertThat(failed.live()).isFalse();
        assertThat(failed.ready()).isFalse();
        assertThat(failed.notReadyBecause()).hasValue("bridge FAILED: log unwritable");
        HostHealth starting = new HostHealth(Bridge.State.STARTING, Optional.empty(), Optional.of(0L), BOUND, true);
        assertThat(starting.live()).isTrue();
        assertThat(starting.ready()).isFalse();
        assertThat(starting.notReadyBecause()).hasValue("bridge STARTING");
    }

    @Test
    void isLiveButNotReadyWhileTheBridgeRestartsItsEngine() {
        HostHealth reconnecting = new HostHealth(Bridge.State.RECONNECTING, Optional.of("connection reset"), Optional.of(0L),
                BOUND, true);
        assertThat(reconnecting.live()).isTrue();
        assertThat(reconnecting.ready()).isFalse();
        assertThat(reconnecting.notReadyBecause()).hasValue("bridge RECONNECTING, restarting after: connection reset");
    }
}
