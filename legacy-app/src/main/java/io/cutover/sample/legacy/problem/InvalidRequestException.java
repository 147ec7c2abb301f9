package io.cutover.sample.legacy.problem;

import java.util.List;

/** The request is malformed or refers to things that do not exist: 400 with one entry per bad field. */
public class InvalidRequestException extends LegacyException {

    private final List<FieldError> fieldErrors;

    public InvalidRequestException(List<FieldError> fieldErrors) {
        super(fieldErrors.size() == 1 ? "1 field is invalid" : fieldErrors.size() + " fields are invalid");
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String problemType() {
        return "validation-failed";
    }

    @Override
    public String title() {
        return "The request is not valid";
    }
}
