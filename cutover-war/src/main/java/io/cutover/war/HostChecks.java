package io.cutover.war;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

import io.cutover.plan.host.HostHealth;

/**
 * Started: the host runs. Live: its bridge has not given up (RECONNECTING is live). Ready: capture runs, slot lag within
 * bounds, flag store up; otherwise the reason.
 */
@ApplicationScoped
public class HostChecks {

    @Inject
    HostLifecycle lifecycle;

    @Produces
    @Startup
    HealthCheck started() {
        return () -> {
            HealthCheckResponseBuilder check = HealthCheckResponse.named("cutover-host");
            return lifecycle.host().isPresent() ? check.up().build()
                    : check.down().withData("reason", String.valueOf(lifecycle.notStartedBecause())).build();
        };
    }

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> lifecycle.host().map(host -> {
            HostHealth health = host.health();
            HealthCheckResponseBuilder check = HealthCheckResponse.named("cutover-bridge")
                    .status(health.live()).withData("bridge", health.bridge().name());
            health.bridgeFailure().ifPresent(failure -> check.withData("failure", failure));
            return check.build();
        }).orElseGet(() -> HealthCheckResponse.named("cutover-bridge").up().withData("bridge", "not started").build());
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> lifecycle.host().map(host -> {
            HostHealth health = host.health();
            HealthCheckResponseBuilder check = HealthCheckResponse.named("cutover-capture").status(health.ready())
                    .withData("bridge", health.bridge().name())
                    .withData("slotLagBytes", health.slotLagBytes().orElse(-1L))
                    .withData("maxSlotLagBytes", health.maxSlotLagBytes())
                    .withData("flagStoreReachable", health.flagStoreReachable());
            health.notReadyBecause().ifPresent(reason -> check.withData("reason", reason));
            return check.build();
        }).orElseGet(() -> HealthCheckResponse.named("cutover-capture").down()
                .withData("reason", String.valueOf(lifecycle.notStartedBecause())).build());
    }
}
