package io.cutover.sample.legacy.catalog;

import io.cutover.sample.legacy.effects.AuditTrail;
import io.cutover.sample.legacy.problem.ConflictException;
import io.cutover.sample.legacy.problem.UnknownEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

@ApplicationScoped
public class ProductService {

    @Inject
    ProductDao products;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Transactional
    public Product create(NewProduct request) {
        request.validate();
        if (products.skuTaken(request.sku())) {
            throw ConflictException.duplicate("product", "SKU", request.sku().trim());
        }
        Instant now = clock.instant();
        long id = products.insert(request, now);
        if (request.stockOnHand() > 0) {
            products.recordMovement(id, null, ProductDao.Movement.RECEIVED, request.stockOnHand(), "initial stock",
                    now);
        }
        audit.created("product", id);
        return get(id);
    }

    @Transactional
    public Product get(long id) {
        return products.findById(id).orElseThrow(() -> new UnknownEntityException("product", id));
    }

    /** 409 if the adjustment would leave less on hand than is reserved for confirmed orders. */
    @Transactional
    public Product adjustStock(long id, StockAdjustment adjustment) {
        adjustment.validate();
        Product product = products.lockById(id).orElseThrow(() -> new UnknownEntityException("product", id));
        int onHand = product.stockOnHand() + adjustment.delta();
        if (onHand < product.stockReserved()) {
            throw new ConflictException("insufficient-stock", "Not enough stock",
                    "Product " + product.sku() + ": cannot remove " + -adjustment.delta() + ", only "
                            + product.stockAvailable() + " not reserved");
        }
        products.setOnHand(id, onHand);
        products.recordMovement(id, null, ProductDao.Movement.ADJUSTED, adjustment.delta(), adjustment.reason(),
                clock.instant());
        return get(id);
    }
}
