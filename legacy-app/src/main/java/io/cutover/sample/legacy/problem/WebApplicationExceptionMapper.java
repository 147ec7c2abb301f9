package io.cutover.sample.legacy.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own errors (unknown path 404, 405, 415, unreadable body 400) as problems, same status. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return Problem.of("http-" + status.getStatusCode(), status.getReasonPhrase(), status.getStatusCode(),
                e.getMessage()).toResponse();
    }
}
