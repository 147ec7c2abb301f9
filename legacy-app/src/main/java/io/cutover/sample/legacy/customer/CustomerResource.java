package io.cutover.sample.legacy.customer;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("customers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomerResource {

    @Inject
    CustomerService customers;

    @POST
    public Response create(NewCustomer request, @Context UriInfo uri) {
        Customer created = customers.create(request != null ? request : new NewCustomer(null, null, null));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(CustomerView.of(created, 0)).build();
    }

    @GET
    @Path("{id}")
    public CustomerView get(@PathParam("id") long id) {
        return customers.view(id);
    }
}
