package io.cutover.war.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.cutover.plan.report.ReportWriter;
import io.cutover.war.HostLifecycle;

/** The shadow-comparison report, built when asked: JSON for machines, the self-contained HTML page for people. */
@Path("report")
@RequestScoped
public class ReportResource {

    @Inject
    HostLifecycle lifecycle;

    @GET
    @Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
    public String json() {
        return ReportWriter.json(Requests.host(lifecycle).report());
    }

    @GET
    @Path("html")
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public String html() {
        return ReportWriter.html(Requests.host(lifecycle).report());
    }
}
