package io.cutover.war.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.cutover.plan.host.CutoverHost;
import io.cutover.war.HostLifecycle;

/** The bridge's replication slot: active, lag, confirmed position. */
@Path("slot")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SlotResource {

    @Inject
    HostLifecycle lifecycle;

    @GET
    public Views.Slot slot() {
        CutoverHost host = Requests.host(lifecycle);
        return Views.slot(host.slotName(), host.slot());
    }
}
