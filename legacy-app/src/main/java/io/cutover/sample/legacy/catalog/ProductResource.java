package io.cutover.sample.legacy.catalog;

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

@Path("products")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {

    @Inject
    ProductService products;

    @POST
    public Response create(NewProduct request, @Context UriInfo uri) {
        Product created = products.create(request != null ? request : new NewProduct(null, null, null, null));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(created).build();
    }

    @GET
    @Path("{id}")
    public Product get(@PathParam("id") long id) {
        return products.get(id);
    }

    @POST
    @Path("{id}/stock")
    public Product adjustStock(@PathParam("id") long id, StockAdjustment adjustment) {
        return products.adjustStock(id, adjustment != null ? adjustment : new StockAdjustment(null, null));
    }
}
