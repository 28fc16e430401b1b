package dk.ledgerline.shared;

import jakarta.servlet.http.HttpServletResponse;

/** How long a client that got a 503 should wait before it tries again: one policy, named by its reason. */
public enum RetryAfter {
    /** The node refused work it has no room for; places free up within a second. */
    OVERLOADED(1),
    /** The database is switching over or briefly away; a failover takes seconds, asking sooner only adds load. */
    DATABASE_UNAVAILABLE(2),
    /** An operator made Ledgerline read-only for maintenance: minutes, not seconds. */
    MAINTENANCE(30);

    public static final String HEADER = "Retry-After";

    private final int seconds;

    RetryAfter(int seconds) {
        this.seconds = seconds;
    }

    public int seconds() {
        return seconds;
    }

    public void set(HttpServletResponse response) {
        response.setHeader(HEADER, Integer.toString(seconds));
    }
}
