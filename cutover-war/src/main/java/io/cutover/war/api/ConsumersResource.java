package io.cutover.war.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
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

import io.cutover.plan.host.CutoverHost;
import io.cutover.war.HostLifecycle;

/** Consumers: their metrics and dead letters; redrive, skip and replay (operators only). */
@Path("consumers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConsumersResource {

    @Inject
    HostLifecycle lifecycle;
    @Context
    SecurityContext caller;

    @GET
    public List<Views.Consumer> consumers() {
        return Requests.host(lifecycle).consumers().stream().map(Views::consumer).toList();
    }

    @GET
    @Path("{consumer}/dead-letters")
    public List<Views.Letter> deadLetters(@PathParam("consumer") String consumer) {
        return Requests.host(lifecycle).deadLetters(consumer).stream().map(Views::letter).toList();
    }

    /** Retries the parked event; waits for it (up to CutoverHost.OPERATOR_CALL_WAIT). */
    @POST
    @Path("{consumer}/dead-letters/{eventId}/redrive")
    public Map<String, Boolean> redrive(@PathParam("consumer") String consumer, @PathParam("eventId") String eventId) {
        String actor = Requests.operator(caller);
        return Map.of("redriven", Requests.host(lifecycle).redrive(consumer, uuid(eventId), actor));
    }

    /** {@code {"reason":"..."}}: gives the event up for good and releases the events parked behind it. */
    @POST
    @Path("{consumer}/dead-letters/{eventId}/skip")
    public Map<String, Boolean> skip(@PathParam("consumer") String consumer, @PathParam("eventId") String eventId,
                                     JsonObject body) {
        String actor = Requests.operator(caller);
        String reason = Requests.requiredText(body, "reason");
        return Map.of("skipped", Requests.host(lifecycle).skip(consumer, uuid(eventId), reason, actor));
    }

    /** {@code {"fromSequence":123}} or {@code {"fromTime":"2026-11-24T10:00:00Z"}}: exactly one of them. */
    @POST
    @Path("{consumer}/replay")
    public Map<String, Long> replay(@PathParam("consumer") String consumer, JsonObject body) {
        Requests.operator(caller);
        CutoverHost host = Requests.host(lifecycle);
        JsonValue sequence = Requests.body(body).get("fromSequence");
        String time = Requests.optionalText(body, "fromTime");
        if ((sequence == null) == (time == null)) {
            throw ApiProblem.badRequest("give exactly one of \"fromSequence\" (a number >= 1) or \"fromTime\" (ISO-8601)");
        }
        if (sequence != null) {
            if (!(sequence instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 1) {
                throw ApiProblem.badRequest("\"fromSequence\" must be a whole number >= 1, was " + sequence);
            }
            return Map.of("nextSequence", host.replayFrom(consumer, number.longValue()));
        }
        try {
            return Map.of("nextSequence", host.replayFrom(consumer, Instant.parse(time)));
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("\"fromTime\" must be an ISO-8601 instant like 2026-11-24T10:00:00Z, was " + time);
        }
    }

    private static UUID uuid(String eventId) {
        try {
            return UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("event id '" + eventId + "' is not a UUID");
        }
    }
}
