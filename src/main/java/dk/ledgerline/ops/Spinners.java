package dk.ledgerline.ops;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dk.ledgerline.ops.internal.SpinnerStatistics;
import dk.ledgerline.ops.internal.TelemetryQueue;
import dk.ledgerline.shared.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Spinner telemetry: browsers report every spinner that stayed visible for more than a second;
 * operators see where they happen, whom they hit and why. Intake is bounded per user and never
 * touches the database on the request path.
 */
@Component
public class Spinners {
    /** What one beacon may carry; the page's script batches at most this many. */
    public static final int REPORTS_PER_BEACON_MAX = 20;
    /**
     * Reports one user may send: a burst of a page's worth, then one every two seconds. Nobody
     * watches more spinners than that; a script that sends more is broken or hostile.
     */
    static final int USER_BURST_MAX = 40;
    static final Duration USER_REFILL_EVERY = Duration.ofSeconds(2);
    /** Users whose allowance is remembered; past it the least recent are forgotten (and start full). */
    static final int USERS_TRACKED_MAX = 100_000;
    /** A spinner longer than an hour is a tab left open, not a wait; kept as an hour. */
    static final int DURATION_MS_MAX = 3_600_000;
    static final Set<String> OUTCOMES = Set.of("ok", "error", "timeout", "offline", "abandoned");
    /** A page as kept, its ids replaced ({id} is longer than most ids): the column's limit. */
    static final int PAGE_LENGTH_MAX = 200;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern PAGE = Pattern.compile("/[A-Za-z0-9/{}._-]{0,199}");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9 /{}._-]{1,100}");
    private static final Pattern COMPANY_PAGE = Pattern.compile("/companies/(\\d{1,18})(/.*)?");

    /** One spinner as a page's script saw it; {@code path} is the page's own path, ids and all. */
    public record Report(String requestId, String path, String action, long durationMs, String outcome) {}

    private final TelemetryQueue queue;
    private final SpinnerStatistics statistics;
    private final UnitOfWork units;
    private final Clock clock;
    private final Cache<Long, Allowance> allowances = Caffeine.newBuilder().maximumSize(USERS_TRACKED_MAX).build();

    Spinners(TelemetryQueue queue, SpinnerStatistics statistics, UnitOfWork units, Clock clock) {
        this.queue = queue;
        this.statistics = statistics;
        this.units = units;
        this.clock = clock;
    }

    /**
     * Takes what is well-formed and within the user's allowance; the rest is dropped. Returns how
     * many were taken. The company is read from the page's path (and kept only if the user is a
     * member, which the writer checks off the request path); the page is kept with its ids
     * replaced, so reports group by where in the product they happened.
     */
    public int accept(long userId, List<Report> reports) {
        Instant now = clock.instant();
        Allowance allowance = allowances.get(userId, u -> new Allowance(now));
        int taken = 0;
        for (Report r : reports.subList(0, Math.min(reports.size(), REPORTS_PER_BEACON_MAX))) {
            if (r == null || r.requestId() == null || !ID.matcher(r.requestId()).matches() || r.path() == null || !PAGE.matcher(r.path()).matches()
                    || r.action() == null || !ACTION.matcher(r.action()).matches() || r.outcome() == null || !OUTCOMES.contains(r.outcome())
                    || r.durationMs() < 0) continue;
            String page = route(r.path());
            if (page.length() > PAGE_LENGTH_MAX) continue;
            if (!allowance.take(now)) break;
            var company = COMPANY_PAGE.matcher(r.path());
            Long companyId = company.matches() ? Long.valueOf(company.group(1)) : null;
            queue.offer(new TelemetryQueue.SpinnerReport(now, r.requestId(), page, r.action(), companyId, userId,
                    (int) Math.min(DURATION_MS_MAX, r.durationMs()), r.outcome()));
            taken++;
        }
        return taken;
    }

    /** "/companies/7/journals/12" → "/companies/{id}/journals/{id}": where, not whose. */
    public static String route(String path) {
        return path.replaceAll("/\\d+(?=/|$)", "/{id}");
    }

    /** Where spinners occurred in [from, to), whom they hit and why; buckets of {@code bucket} for the chart. */
    public SpinnerSummary summary(Instant from, Instant to, Duration bucket) {
        return units.read(() -> statistics.summary(from, to, bucket));
    }

    /** A token bucket: USER_BURST_MAX at most, one back every USER_REFILL_EVERY. */
    private static final class Allowance {
        private double tokens = USER_BURST_MAX;
        private Instant last;

        Allowance(Instant now) {
            last = now;
        }

        synchronized boolean take(Instant now) {
            double refill = Duration.between(last, now).toMillis() / (double) USER_REFILL_EVERY.toMillis();
            if (refill > 0) {
                tokens = Math.min(USER_BURST_MAX, tokens + refill);
                last = now;
            }
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }
    }
}
