package io.cutover.war.api;

/** A request the API refuses, with the HTTP status and a detail for people; mapped to a JSON problem. */
class ApiProblem extends RuntimeException {
    private final int status;
    private final String title;

    ApiProblem(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad Request", detail);
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }
}
