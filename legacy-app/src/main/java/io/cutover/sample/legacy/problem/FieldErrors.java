package io.cutover.sample.legacy.problem;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors while a request is checked, then throws them all at once. */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    /** Records {@code message} for {@code field} unless {@code ok}; returns {@code ok}. */
    public boolean check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
        return ok;
    }

    public boolean requireText(String value, String field, int maxLength) {
        if (!check(value != null && !value.isBlank(), field, "must not be blank")) {
            return false;
        }
        return check(value.length() <= maxLength, field, "must be at most " + maxLength + " characters");
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws {@link InvalidRequestException} if any check failed. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }
}
