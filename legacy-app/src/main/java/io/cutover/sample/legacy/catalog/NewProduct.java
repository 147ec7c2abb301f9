package io.cutover.sample.legacy.catalog;

import io.cutover.sample.legacy.problem.FieldErrors;

import java.math.BigDecimal;

/** Body of {@code POST /api/products}. */
public record NewProduct(String sku, String name, BigDecimal price, Integer stockOnHand) {

    void validate() {
        FieldErrors errors = new FieldErrors();
        errors.requireText(sku, "sku", 64);
        errors.requireText(name, "name", 200);
        if (errors.check(price != null, "price", "is required")) {
            errors.check(price.signum() >= 0, "price", "must not be negative");
            errors.check(price.stripTrailingZeros().scale() <= 2, "price", "must have at most 2 decimals");
        }
        if (errors.check(stockOnHand != null, "stockOnHand", "is required")) {
            errors.check(stockOnHand >= 0, "stockOnHand", "must not be negative");
        }
        errors.throwIfAny();
    }
}
