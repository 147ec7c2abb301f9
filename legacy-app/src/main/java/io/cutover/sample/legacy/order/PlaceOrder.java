package io.cutover.sample.legacy.order;

import io.cutover.sample.legacy.problem.FieldErrors;

import java.util.List;

/** Body of {@code POST /api/orders}. */
public record PlaceOrder(Long customerId, List<Line> lines) {

    static final int MAX_LINES = 100;
    static final int MAX_QUANTITY = 10_000;

    public record Line(Long productId, Integer quantity) {
    }

    /** Shape checks only; whether the customer and products exist is checked by {@link OrderService}. */
    void validate() {
        FieldErrors errors = new FieldErrors();
        errors.check(customerId != null, "customerId", "is required");
        if (errors.check(lines != null && !lines.isEmpty(), "lines", "must have at least one line")) {
            errors.check(lines.size() <= MAX_LINES, "lines", "must have at most " + MAX_LINES + " lines");
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                String at = "lines[" + i + "]";
                if (!errors.check(line != null, at, "must not be null")) {
                    continue;
                }
                errors.check(line.productId() != null, at + ".productId", "is required");
                if (errors.check(line.quantity() != null, at + ".quantity", "is required")) {
                    errors.check(line.quantity() >= 1 && line.quantity() <= MAX_QUANTITY, at + ".quantity",
                            "must be between 1 and " + MAX_QUANTITY);
                }
            }
        }
        errors.throwIfAny();
    }
}
