package io.cutover.plan.host;

import java.util.Optional;

import io.cutover.bridge.Bridge;

/**
 * The host's health at one instant, for liveness and readiness probes.
 *
 * @param bridge             the capture engine's state
 * @param bridgeFailure      why the engine failed, or the failure it is restarting after (RECONNECTING)
 * @param slotLagBytes       WAL the bridge's slot holds back; empty when it could not be read
 * @param maxSlotLagBytes    the bound readiness allows ({@code cutover.health.max-slot-lag-bytes})
 * @param flagStoreReachable whether the flag store answered just now
 */
public record HostHealth(Bridge.State bridge, Optional<String> bridgeFailure, Optional<Long> slotLagBytes,
                         long maxSlotLagBytes, boolean flagStoreReachable) {

    /**
     * Live until the bridge gave up (FAILED: a restart of the host is the remedy); a bridge that is RECONNECTING
     * restarts its engine by itself, so it stays live.
     */
    public boolean live() {
        return bridge != Bridge.State.FAILED;
    }

    /** Ready when capture runs, the slot's lag is known and within bounds, and the flag store answers. */
    public boolean ready() {
        return notReadyBecause().isEmpty();
    }

    /** Why the host is not ready, the first reason found; empty when it is. */
    public Optional<String> notReadyBecause() {
        if (bridge != Bridge.State.RUNNING) {
            return Optional.of("bridge " + bridge + bridgeFailure.map(f -> (bridge == Bridge.State.RECONNECTING
                    ? ", restarting after: " : ": ") + f).orElse(""));
        }
        if (slotLagBytes.isEmpty()) {
            return Optional.of("the slot's lag cannot be read (slot missing or database unreachable)");
        }
        if (slotLagBytes.get() > maxSlotLagBytes) {
            return Optional.of("slot lag " + slotLagBytes.get() + " bytes exceeds " + maxSlotLagBytes);
        }
        return flagStoreReachable ? Optional.empty() : Optional.of("the flag store does not answer");
    }
}
