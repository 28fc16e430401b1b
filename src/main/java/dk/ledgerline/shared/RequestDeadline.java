package dk.ledgerline.shared;

import java.time.Duration;
import java.time.Instant;

/**
 * The moment by which the current request must be answered. Every wait on the request path
 * (a pooled connection, a statement, a lock) takes the time that remains, not a fixed timeout.
 */
public final class RequestDeadline {
    private static final ThreadLocal<Instant> CURRENT = new ThreadLocal<>();

    private RequestDeadline() {}

    public static void set(Instant deadline) { CURRENT.set(deadline); }

    public static void clear() { CURRENT.remove(); }

    /** What remains of the deadline, capped at {@code max}; {@code max} when no deadline is set. */
    public static Duration remaining(Instant now, Duration max) {
        Instant deadline = CURRENT.get();
        if (deadline == null) return max;
        Duration left = Duration.between(now, deadline);
        if (left.isNegative() || left.isZero()) throw new DeadlineExceeded();
        return left.compareTo(max) < 0 ? left : max;
    }

    /** What remains of the deadline (zero once it passed); empty when no deadline is set, as for background work. */
    public static java.util.Optional<Duration> left(Instant now) {
        Instant deadline = CURRENT.get();
        if (deadline == null) return java.util.Optional.empty();
        Duration left = Duration.between(now, deadline);
        return java.util.Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    /** The request ran out of time before its work could start; answered as 503 with Retry-After. */
    public static final class DeadlineExceeded extends RuntimeException {
        public DeadlineExceeded() { super("the request's deadline passed before its work could finish"); }
    }
}
