package io.cutover.sample.legacy.problem;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * RFC 9457 problem details ({@code application/problem+json}); {@code errors} only for validation problems.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "errors"})
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://shop.legacy.test/problems/";

    private static final Jsonb JSONB = JsonbBuilder.create();

    public static Problem of(String typeSlug, String title, int status, String detail) {
        return new Problem(TYPE_BASE + typeSlug, title, status, detail, null);
    }

    /** Serialised here rather than by the JAX-RS provider, so the media type never depends on provider matching. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(JSONB.toJson(this)).build();
    }
}
