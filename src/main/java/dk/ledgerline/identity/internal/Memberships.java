package dk.ledgerline.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dk.ledgerline.identity.Role;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Who may work in which company, remembered for a short while: every request to a company asks,
 * and asking the database costs a transaction of its own. A change on this node forgets the
 * entry at once; one made on another node when its notification arrives ({@link IdentityChanges}),
 * and within {@link #FRESH_FOR} if that is lost.
 */
@Component
public class Memberships {
    /** How stale a role may be on another node whose notification was lost: a removed member keeps access at most this long. */
    public static final Duration FRESH_FOR = Duration.ofSeconds(30);
    /** Far above the users active within {@link #FRESH_FOR} on one node; each entry is a few dozen bytes. */
    static final int ENTRIES_MAX = 100_000;

    private record Key(long userId, long companyId) {}

    private final Cache<Key, Optional<Role>> roles = Caffeine.newBuilder()
            .maximumSize(ENTRIES_MAX)
            .expireAfterWrite(FRESH_FOR)
            .build();

    /** The role, from memory while fresh, else from {@code load} (empty: not a member). */
    public Optional<Role> role(long userId, long companyId, Supplier<Optional<Role>> load) {
        return roles.get(new Key(userId, companyId), key -> load.get());
    }

    public void forget(long userId, long companyId) {
        roles.invalidate(new Key(userId, companyId));
    }

    public void forgetAll() {
        roles.invalidateAll();
    }
}
