package dk.ledgerline.web;

/**
 * A page that only says what went wrong: an expected failure with its reasons, or our own failure
 * with the request id to quote. {@code failure} and {@code requestId} may be null.
 */
public record ProblemPage(Frame frame, int status, String heading, Failure failure, String requestId, String backLink) {

    /** The statuses with a heading of their own (label.problem.<status>); others say what their class says. */
    private static final java.util.Set<Integer> HEADED = java.util.Set.of(400, 401, 403, 404, 405, 409, 413, 422, 503);

    static String heading(int status) {
        if (HEADED.contains(status)) return Languages.t("label.problem." + status);
        return Languages.t(status >= 500 ? "label.problem.5xx" : "label.problem.422");
    }
}
