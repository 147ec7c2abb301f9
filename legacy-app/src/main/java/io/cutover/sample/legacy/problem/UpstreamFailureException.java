package io.cutover.sample.legacy.problem;

/** An outside system the request depends on failed or did not answer in time: 502. */
public class UpstreamFailureException extends LegacyException {

    public UpstreamFailureException(String detail, Throwable cause) {
        super(detail, cause);
    }

    @Override
    public int status() {
        return 502;
    }

    @Override
    public String problemType() {
        return "upstream-failed";
    }

    @Override
    public String title() {
        return "An outside system failed";
    }
}
