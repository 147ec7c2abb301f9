package io.cutover.war.api;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.cutover.consumers.ConsumerException;
import io.cutover.flags.FlagStoreUnavailableException;
import io.cutover.flags.IllegalStageException;
import io.cutover.flags.UnknownFlowException;
import io.cutover.plan.GateRefusedException;
import io.cutover.plan.PlanException;
import io.cutover.plan.host.UnknownConsumerException;

/** Every failure as a JSON problem, never an HTML page; unexpected ones are logged and answered 500. */
@Provider
public class ProblemMapper implements ExceptionMapper<Exception> {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Override
    public Response toResponse(Exception e) {
        if (e instanceof ApiProblem p) {
            return problem(p.status(), p.title(), p.getMessage());
        }
        if (e instanceof GateRefusedException refused) {
            return Response.status(409).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new Views.GateRefused(409, "Gate refused", refused.getMessage(), refused.verdict().flow(),
                            Views.gate(refused.verdict()).checks())).build();
        }
        if (e instanceof UnknownFlowException || e instanceof UnknownConsumerException) {
            return problem(404, "Not Found", e.getMessage());
        }
        if (e instanceof IllegalStageException || e instanceof JsonException) {
            return problem(400, "Bad Request", e.getMessage());
        }
        if (e instanceof FlagStoreUnavailableException) {
            return problem(503, "Service Unavailable", e.getMessage());
        }
        if (e instanceof PlanException || e instanceof ConsumerException) {
            return problem(400, "Bad Request", e.getMessage());
        }
        if (e instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            return problem(status.getStatusCode(), status.getReasonPhrase(), e.getMessage());
        }
        LOG.log(Level.SEVERE, "admin API failure", e);
        return problem(500, "Internal Server Error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Problem(status, title, detail)).build();
    }
}
