package io.cutover.sample.legacy.catalog;

import io.cutover.sample.legacy.problem.FieldErrors;

/** Body of {@code POST /api/products/{id}/stock}: goods received ({@code delta > 0}) or written off ({@code < 0}). */
public record StockAdjustment(Integer delta, String reason) {

    void validate() {
        FieldErrors errors = new FieldErrors();
        if (errors.check(delta != null, "delta", "is required")) {
            errors.check(delta != 0, "delta", "must not be 0");
        }
        if (reason != null) {
            errors.check(reason.length() <= 200, "reason", "must be at most 200 characters");
        }
        errors.throwIfAny();
    }
}
