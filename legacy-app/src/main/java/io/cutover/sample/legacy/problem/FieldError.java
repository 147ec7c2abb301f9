package io.cutover.sample.legacy.problem;

/** One invalid request field, as reported in a validation problem: {@code lines[1].quantity}, "must be at least 1". */
public record FieldError(String field, String message) {
}
