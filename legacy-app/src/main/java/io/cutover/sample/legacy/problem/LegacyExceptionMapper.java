package io.cutover.sample.legacy.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/** The app's own exceptions as problems (400, 404, 409, 502, 500). */
@Provider
public class LegacyExceptionMapper implements ExceptionMapper<LegacyException> {

    private static final Logger LOG = Logger.getLogger(LegacyExceptionMapper.class.getName());

    @Override
    public Response toResponse(LegacyException e) {
        if (e instanceof UpstreamFailureException) {
            LOG.warning(() -> "Request failed: " + e.getMessage());
        } else if (e.status() >= 500) {
            LOG.log(Level.SEVERE, "Request failed: " + e.getMessage(), e);
        }
        var fieldErrors = e instanceof InvalidRequestException invalid ? invalid.fieldErrors() : null;
        return new Problem(Problem.TYPE_BASE + e.problemType(), e.title(), e.status(), e.detail(), fieldErrors)
                .toResponse();
    }
}
