package dk.ledgerline.web;

/**
 * A page that only says what went wrong: an expected failure with its reasons, or our own failure
 * with the request id to quote. {@code failure} and {@code requestId} may be null.
 */
public record ProblemPage(Frame frame, int status, String heading, Failure failure, String requestId, String backLink) {

    static String heading(int status) {
        return switch (status) {
            case 400 -> "Forespørgslen kunne ikke læses";
            case 401 -> "Du er ikke logget ind";
            case 403 -> "Det har du ikke adgang til";
            case 404 -> "Siden findes ikke";
            case 405 -> "Den handling findes ikke her";
            case 409 -> "Det kunne ikke lade sig gøre lige nu";
            case 413 -> "Det sendte er for stort";
            case 422 -> "Det kunne ikke gennemføres";
            case 503 -> "Systemet er travlt lige nu";
            default -> status >= 500 ? "Der skete en fejl hos os" : "Det kunne ikke gennemføres";
        };
    }
}
