package io.cutover.sample.legacy.cutover;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.cutover.flags.shim.ShimHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code /health/ready} check {@code cutover-shim}: always UP, because a shim that cannot read its flag store lets the
 * legacy path act and the shop keeps working; the data says whether that is happening.
 */
@Readiness
@ApplicationScoped
public class CutoverShimHealthCheck implements HealthCheck {

    @Inject
    CutoverShim shim;

    @Override
    public HealthCheckResponse call() {
        ShimHealth health = shim.health();
        var response = HealthCheckResponse.named("cutover-shim").up();
        if (health == null) {
            return response.withData("mode", "bypassed").build();
        }
        response.withData("mode", health.flagStoreReadable() ? "following flags" : "legacy acts (flag store unreadable)")
                .withData("flagStoreReadable", health.flagStoreReadable())
                .withData("fallbacks", health.fallbacks())
                .withData("journalFailures", health.journalFailures());
        if (health.lastProblem() != null) {
            response.withData("lastProblem", health.lastProblem());
        }
        return response.build();
    }
}
