package io.cutover.sample.legacy.problem;

/** The request is valid but clashes with the current state (illegal transition, not enough stock, duplicate): 409. */
public class ConflictException extends LegacyException {

    private final String problemType;
    private final String title;

    public ConflictException(String problemType, String title, String detail) {
        super(detail);
        this.problemType = problemType;
        this.title = title;
    }

    public static ConflictException illegalTransition(long orderId, String from, String action) {
        return new ConflictException("illegal-transition", "The order cannot make this transition",
                "Order " + orderId + " is " + from + " and cannot be " + action);
    }

    public static ConflictException insufficientStock(String sku, int requested, int available) {
        return new ConflictException("insufficient-stock", "Not enough stock",
                "Product " + sku + ": " + requested + " requested, " + available + " available");
    }

    public static ConflictException duplicate(String entity, String field, String value) {
        return new ConflictException("duplicate", "Already exists",
                "A " + entity + " with " + field + " " + value + " already exists");
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String problemType() {
        return problemType;
    }

    @Override
    public String title() {
        return title;
    }
}
