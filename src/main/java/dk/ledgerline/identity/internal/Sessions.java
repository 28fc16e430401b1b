package dk.ledgerline.identity.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dk.ledgerline.identity.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Which signed tokens still count: a token issued before its user's sessions ended as a whole, or
 * one whose session was ended by logging out, does not. Every request asks, so the answer comes from
 * memory: a user's state is read once, then refreshed in the background when older than
 * {@link #FRESH_FOR} while requests go on with the one they have. An ending made on this node counts
 * at once; one made on another node as soon as its notification arrives ({@link IdentityChanges}),
 * and within {@code FRESH_FOR} and the time of one read if it is lost. While the
 * database is away the last state read keeps serving (for at most {@link #KEPT_FOR}); a user with no
 * state here yet cannot be checked and gets the answer for an unavailable database, not a logout.
 */
public final class Sessions {
    /** The most an ending made on another node takes to count here, plus one read. */
    public static final Duration FRESH_FOR = Duration.ofSeconds(5);
    /** How long a state read before the database went away keeps serving. */
    static final Duration KEPT_FOR = Duration.ofHours(1);
    /** Far above the users active within {@link #KEPT_FOR} on one node; each entry is a few dozen bytes. */
    static final int ENTRIES_MAX = 100_000;

    /** {@code validFrom} null: the user's sessions never ended as a whole. */
    public record State(Instant validFrom, Set<String> ended) {
        boolean lets(Principal principal) {
            return (validFrom == null || !principal.issuedAt().isBefore(validFrom)) && !ended.contains(principal.tokenId());
        }
    }

    private final LoadingCache<Long, State> states;

    /** {@code read}: the user's state from the database, in a unit of work of its own. */
    public Sessions(LongFunction<State> read, Clock clock) {
        this.states = Caffeine.newBuilder()
                .maximumSize(ENTRIES_MAX)
                .refreshAfterWrite(FRESH_FOR)
                .expireAfterWrite(KEPT_FOR)
                .ticker(() -> clock.millis() * 1_000_000L)
                .build(read::apply);
    }

    public boolean lets(Principal principal) {
        return states.get(principal.userId()).lets(principal);
    }

    /** Reads every remembered state again in the background; each keeps serving until its read succeeds. */
    public void refreshAll() {
        states.refreshAll(java.util.List.copyOf(states.asMap().keySet()));
    }

    /** After a change to the user's sessions has committed on this node. */
    public void forget(long userId) {
        states.invalidate(userId);
    }
}
