package io.cutover.sample.legacy.problem;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Everything else: a JSON 500 problem instead of the server's HTML error page; unreadable JSON bodies are 400. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonParsingException) {
                return Problem.of("malformed-body", "The request body is not valid JSON for this resource", 400,
                        t.getMessage()).toResponse();
            }
        }
        LOG.log(Level.SEVERE, "Unexpected failure", e);
        return Problem.of("internal-error", "Internal error", 500,
                "Unexpected " + e.getClass().getSimpleName() + "; see the server log").toResponse();
    }
}
