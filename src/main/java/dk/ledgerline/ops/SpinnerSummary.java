package dk.ledgerline.ops;

import java.time.Instant;
import java.util.List;

/**
 * Spinners of a time window, as the operators' page shows them. Each spinner's cause: the server
 * was slow (its own timing of the request covers at least half of what the user waited), the
 * network or the browser was slow or lost the answer (the server was fast, or never saw it), or
 * the user left before it ended.
 */
public record SpinnerSummary(Instant from, Instant to, long total, long users, long companies, List<Place> places, List<Bucket> timeline,
                             List<Recent> recent) {
    public enum Cause { SERVER, NETWORK, ABANDONED }

    /** One page and action: how often, how many hit, how long, and why. */
    public record Place(String page, String action, long count, long users, long companies, long p50Ms, long p95Ms, long maxMs,
                        long server, long network, long abandoned) {
        public int percent(long part) {
            return count == 0 ? 0 : (int) Math.round(100.0 * part / count);
        }
    }

    public record Bucket(Instant start, long server, long network, long abandoned) {}

    /** A spinner, with the server's own time for its request when it was slow (null: fast, or never seen). */
    public record Recent(Instant reportedAt, String requestId, String page, String action, Long companyId, long userId, long durationMs,
                         String outcome, Cause cause, Long serverMs) {}
}
