package io.cutover.sample.legacy.customer;

import io.cutover.sample.legacy.problem.FieldErrors;

import java.util.regex.Pattern;

/** Body of {@code POST /api/customers}. */
public record NewCustomer(String name, String email, String shippingAddress) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    void validate() {
        FieldErrors errors = new FieldErrors();
        errors.requireText(name, "name", 200);
        if (errors.requireText(email, "email", 320)) {
            errors.check(EMAIL.matcher(email).matches(), "email", "must be an e-mail address");
        }
        errors.requireText(shippingAddress, "shippingAddress", 500);
        errors.throwIfAny();
    }
}
