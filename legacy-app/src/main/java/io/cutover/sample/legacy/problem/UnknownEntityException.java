package io.cutover.sample.legacy.problem;

/** The entity named in the request path does not exist: 404. */
public class UnknownEntityException extends LegacyException {

    public UnknownEntityException(String entity, long id) {
        super("No " + entity + " with id " + id);
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String problemType() {
        return "not-found";
    }

    @Override
    public String title() {
        return "Not found";
    }
}
