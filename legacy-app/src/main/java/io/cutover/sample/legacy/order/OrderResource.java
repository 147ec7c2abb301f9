package io.cutover.sample.legacy.order;

import io.cutover.sample.legacy.problem.FieldErrors;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Arrays;
import java.util.List;

@Path("orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    static final int MAX_LIMIT = 500;

    @Inject
    OrderService orders;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(PlaceOrder request, @Context UriInfo uri) {
        Order placed = orders.place(request != null ? request : new PlaceOrder(null, null));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(placed.id())).build())
                .entity(placed).build();
    }

    @GET
    @Path("{id}")
    public Order get(@PathParam("id") long id) {
        return orders.get(id);
    }

    /** Newest first; {@code status} optional. */
    @GET
    public List<Order> list(@QueryParam("status") String status, @QueryParam("limit") @DefaultValue("100") int limit) {
        FieldErrors errors = new FieldErrors();
        OrderStatus wanted = null;
        if (status != null && !status.isBlank()) {
            wanted = Arrays.stream(OrderStatus.values()).filter(s -> s.name().equalsIgnoreCase(status.trim()))
                    .findFirst().orElse(null);
            errors.check(wanted != null, "status", "must be one of " + Arrays.toString(OrderStatus.values()));
        }
        errors.check(limit >= 1 && limit <= MAX_LIMIT, "limit", "must be between 1 and " + MAX_LIMIT);
        errors.throwIfAny();
        return orders.list(wanted, limit);
    }

    @POST
    @Path("{id}/confirm")
    public Order confirm(@PathParam("id") long id) {
        return orders.confirm(id);
    }

    @POST
    @Path("{id}/cancel")
    public Order cancel(@PathParam("id") long id) {
        return orders.cancel(id);
    }

    @POST
    @Path("{id}/ship")
    public Order ship(@PathParam("id") long id) {
        return orders.ship(id);
    }
}
