package dk.ledgerline.shared;

/**
 * The request attribute naming who is calling ("user:42"), set by authentication. Idempotency keys
 * live in this scope, so two users can never replay each other's responses.
 */
public final class CallerScope {
    public static final String ATTRIBUTE = "ledgerline.callerScope";
    public static final String ANONYMOUS = "anonymous";

    private CallerScope() {}

    public static String ofUser(long userId) {
        return "user:" + userId;
    }
}
