package io.cutover.plan.host;

import java.util.Optional;

import io.cutover.bridge.Bridge;

/**
 * The host's health at one instant, for liveness and readiness probes.
 *
 * @param bridge             the capture engine's state
 * @param bridgeFailure      why the engine failed, when it did
 * @param slotLagBytes       WAL the bridge's slot holds back; empty when it could not be read
 * @param maxSlotLagBytes    the bound readiness allows ({@code cutover.health.max-slot-lag-bytes})
 * @param flagStoreReachable whether the flag store answered just now
 */
public record HostHealth(Bridge.State bridge, Optional<String> bridgeFailure, Optional<Long> slotLagBytes,
                         long maxSlotLagBytes, boolean flagStoreReachable) {

    /** Live while the capture engine has not failed (a restart is the remedy otherwise). */
    public boolean live() {
        return bridge != Bridge.State.FAILED;
    }

    /** Ready when capture runs, the slot's lag is known and within bounds, and the flag store answers. */
    public boolean ready() {
        return bridge == Bridge.State.RUNNING && slotLagBytes.filter(lag -> lag <= maxSlotLagBytes).isPresent()
                && flagStoreReachable;
    }
}
