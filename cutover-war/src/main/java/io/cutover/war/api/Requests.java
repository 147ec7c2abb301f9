package io.cutover.war.api;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.SecurityContext;

import io.cutover.plan.host.CutoverHost;
import io.cutover.war.HostLifecycle;

/** What every resource checks: a running host, the caller's role and name, the fields of a JSON body. */
final class Requests {
    static final String OPERATOR = "operator";

    private Requests() {
    }

    static CutoverHost host(HostLifecycle lifecycle) {
        return lifecycle.host().orElseThrow(() -> new ApiProblem(503, "Service Unavailable",
                "Cutover is not running: " + lifecycle.notStartedBecause()));
    }

    /** The authenticated operator's name, the actor of the change in the audit; 403 for anyone else. */
    static String operator(SecurityContext caller) {
        if (caller.getUserPrincipal() == null || !caller.isUserInRole(OPERATOR)) {
            throw new ApiProblem(403, "Forbidden", "changes need the operator role; "
                    + (caller.getUserPrincipal() == null ? "nobody" : caller.getUserPrincipal().getName())
                    + " may only read");
        }
        return caller.getUserPrincipal().getName();
    }

    static JsonObject body(JsonObject body) {
        if (body == null) {
            throw ApiProblem.badRequest("a JSON object body is required");
        }
        return body;
    }

    static String requiredText(JsonObject body, String field) {
        String value = optionalText(body, field);
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest("\"" + field + "\" is required (a non-blank string)");
        }
        return value;
    }

    static String optionalText(JsonObject body, String field) {
        JsonValue value = body(body).get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw ApiProblem.badRequest("\"" + field + "\" must be a string, was " + value.getValueType());
        }
        return text.getString();
    }
}
