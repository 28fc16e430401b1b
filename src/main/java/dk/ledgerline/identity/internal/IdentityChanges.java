package dk.ledgerline.identity.internal;

import dk.ledgerline.shared.Notifications;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells every node that a user's sessions or a membership changed, with the commit that changed
 * them, so that each node forgets what it remembered of them within moments rather than when its
 * memory would have gone stale anyway ({@link Sessions#FRESH_FOR}, {@link Memberships#FRESH_FOR}:
 * still the bound when a message is lost). After a gap in listening every node reads all it
 * remembers afresh: sessions in the background, keeping the last state while the database is away
 * (an ended session stays ended); memberships by forgetting them.
 */
@Component
public class IdentityChanges {
    static final String CHANNEL = "ledgerline_identity";
    private static final Logger log = LoggerFactory.getLogger(IdentityChanges.class);
    private static final Pattern SESSIONS = Pattern.compile("sessions (\\d+)");
    private static final Pattern MEMBERSHIP = Pattern.compile("membership (\\d+) (\\d+)");

    private final Notifications notifications;
    private final Sessions sessions;
    private final Memberships memberships;

    IdentityChanges(Notifications notifications, Sessions sessions, Memberships memberships) {
        this.notifications = notifications;
        this.sessions = sessions;
        this.memberships = memberships;
        notifications.subscribe(CHANNEL, this::heard, this::afterGap);
    }

    /** Inside the unit of work that changed the user's sessions. */
    public void sessionsChanged(long userId) {
        notifications.publish(CHANNEL, "sessions " + userId);
    }

    /** Inside the unit of work that changed the user's membership of the company. */
    public void membershipChanged(long userId, long companyId) {
        notifications.publish(CHANNEL, "membership " + userId + " " + companyId);
    }

    private void heard(String message) {
        Matcher m = SESSIONS.matcher(message);
        if (m.matches()) {
            sessions.forget(Long.parseLong(m.group(1)));
            return;
        }
        m = MEMBERSHIP.matcher(message);
        if (m.matches()) {
            memberships.forget(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
            return;
        }
        log.warn("An identity notification not understood: {}", message);
    }

    private void afterGap() {
        sessions.refreshAll();
        memberships.forgetAll();
    }
}
