package io.cutover.war.api;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import io.cutover.flags.Stage;
import io.cutover.plan.host.CutoverHost;
import io.cutover.war.HostLifecycle;

/** Flows: their stages, gates and comparison; stage changes and the rollback switch (operators only, audited). */
@Path("flows")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FlowsResource {

    @Inject
    HostLifecycle lifecycle;
    @Context
    SecurityContext caller;

    @GET
    public List<Views.Flow> flows() {
        return Requests.host(lifecycle).flows().stream().map(Views::flow).toList();
    }

    @GET
    @Path("{flow}/history")
    public List<Views.Change> history(@PathParam("flow") String flow) {
        return Requests.host(lifecycle).history(flow).stream().map(Views::change).toList();
    }

    /** {@code {"stage":"CANARY 10%","reason":"...","force":false}}: 409 with the failing checks when the gate refuses. */
    @POST
    @Path("{flow}/stage")
    public Views.Change stage(@PathParam("flow") String flow, JsonObject body) {
        String actor = Requests.operator(caller);
        CutoverHost host = Requests.host(lifecycle);
        Stage to = Stage.parse(Requests.requiredText(body, "stage"));
        String reason = Requests.requiredText(body, "reason");
        JsonValue force = body.getOrDefault("force", JsonValue.FALSE);
        if (force != JsonValue.TRUE && force != JsonValue.FALSE) {
            throw ApiProblem.badRequest("\"force\" must be true or false, was " + force);
        }
        host.history(flow); // 404 for an unknown flow before any gate is evaluated
        return Views.change(host.stageChanges().change(flow, to, reason, actor, force == JsonValue.TRUE));
    }

    /** {@code {"to":"LEGACY","reason":"..."}} ({@code to} optional, LEGACY or SHADOW): never refused by a gate. */
    @POST
    @Path("{flow}/rollback")
    public Views.Change rollback(@PathParam("flow") String flow, JsonObject body) {
        String actor = Requests.operator(caller);
        CutoverHost host = Requests.host(lifecycle);
        String to = Requests.optionalText(body, "to");
        String reason = Requests.requiredText(body, "reason");
        return Views.change(host.stageChanges().rollback(flow, to == null ? Stage.LEGACY : Stage.parse(to), reason, actor));
    }
}
