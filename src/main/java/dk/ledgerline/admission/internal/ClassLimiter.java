package dk.ledgerline.admission.internal;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.LifoBlockingLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dk.ledgerline.admission.AdmissionSettings.ClassLimits;
import dk.ledgerline.shared.RequestDeadline;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The places of one class of work: an adaptive concurrency limit that follows the measured latency
 * (Netflix's gradient limit: it shrinks when answers slow down, grows while they stay fast), and a
 * fair share per company. In a class without a backlog nothing waits: a request gets a place at
 * once or is refused. In one with a backlog (reports, imports) a few may wait a short while, the
 * newest first (Netflix's LIFO limiter); with the backlog full, the refusal comes at once.
 */
public final class ClassLimiter {
    /**
     * Below this share of the limit in use the class is not contended, and a company may take more
     * than its share: idle places serve whoever asks. Above it each company keeps to its share.
     */
    static final double CONTENDED_FROM = 0.9;

    public enum Refusal { CLASS_FULL, COMPANY_SHARE }

    /** A place taken; given back exactly once, with how the work went. */
    public interface Place {
        /** The work finished and its time says something about the system's capacity. */
        void succeeded();

        /** The work ended early for its own reasons (a 4xx): its time says nothing. */
        void ignored();

        /** The work gave up or failed for lack of capacity (a timeout, an unavailable database). */
        void dropped();
    }

    /** The limit itself; its context is how long the request may wait for a place, in ms. */
    private final SimpleLimiter<Long> limiter;
    private final Limiter<Long> places;
    private final Duration backlogWait;
    private final Clock clock;
    private final int companyShareMin;
    private final ConcurrentHashMap<Long, AtomicInteger> inFlightByCompany = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    /** {@code clock}: the one request deadlines are set on, read only by a class that has a backlog. */
    public ClassLimiter(ClassLimits limits, Clock clock) {
        this.limiter = SimpleLimiter.newBuilder()
                .limit(Gradient2Limit.newBuilder()
                        .initialLimit(limits.initial())
                        .minLimit(limits.min())
                        .maxConcurrency(limits.max())
                        .build())
                .build();
        this.places = limits.backlog() == 0 ? limiter
                : LifoBlockingLimiter.newBuilder(limiter).backlogSize(limits.backlog()).backlogTimeout(waitMs -> waitMs, TimeUnit.MILLISECONDS).build();
        this.backlogWait = limits.backlogWait();
        this.clock = clock;
        this.companyShareMin = limits.companyShareMin();
    }

    public int limit() {
        return limiter.getLimit();
    }

    public int inFlight() {
        return limiter.getInflight();
    }

    /** Requests waiting in the backlog for a place. */
    public int waiting() {
        return waiting.get();
    }

    public int companiesInFlight() {
        return inFlightByCompany.size();
    }

    /**
     * A place for work of {@code companyId} (null: no company), or why not. In a class with a
     * backlog the request waits for a place no longer than the backlog's wait and its deadline.
     */
    public Result acquire(Long companyId) {
        Optional<Limiter.Listener> listener;
        if (places == limiter) {
            listener = limiter.acquire(0L); // no backlog: nobody waits, nothing to count
        } else {
            Duration wait = RequestDeadline.left(clock.instant()).filter(left -> left.compareTo(backlogWait) < 0).orElse(backlogWait);
            waiting.incrementAndGet();
            try {
                listener = places.acquire(Math.max(0, wait.toMillis()));
            } finally {
                waiting.decrementAndGet();
            }
        }
        if (listener.isEmpty()) return new Result(null, Refusal.CLASS_FULL);
        AtomicInteger ofCompany = null;
        if (companyId != null) {
            ofCompany = inFlightByCompany.computeIfAbsent(companyId, id -> new AtomicInteger());
            int mine = ofCompany.incrementAndGet();
            int limit = limiter.getLimit();
            if (limiter.getInflight() >= limit * CONTENDED_FROM && mine > share(limit)) {
                release(companyId, ofCompany);
                listener.get().onIgnore();
                return new Result(null, Refusal.COMPANY_SHARE);
            }
        }
        return new Result(new Taken(listener.get(), companyId, ofCompany), null);
    }

    /** The places one company may hold while the class is contended: an equal part, never less than the minimum. */
    int share(int limit) {
        int companies = Math.max(1, inFlightByCompany.size());
        return Math.max(companyShareMin, (int) Math.ceil((double) limit / companies));
    }

    /**
     * A counter that reaches zero leaves the map; a request that took it just before may then count
     * apart from a newer one for a moment. That blurs a share by one, never a limit.
     */
    private void release(Long companyId, AtomicInteger ofCompany) {
        if (ofCompany.decrementAndGet() == 0) inFlightByCompany.remove(companyId, ofCompany);
    }

    public record Result(Place place, Refusal refusal) {}

    private final class Taken implements Place {
        private final Limiter.Listener listener;
        private final Long companyId;
        private final AtomicInteger ofCompany;
        private boolean given;

        Taken(Limiter.Listener listener, Long companyId, AtomicInteger ofCompany) {
            this.listener = listener;
            this.companyId = companyId;
            this.ofCompany = ofCompany;
        }

        @Override public void succeeded() { give(); listener.onSuccess(); }
        @Override public void ignored() { give(); listener.onIgnore(); }
        @Override public void dropped() { give(); listener.onDropped(); }

        private void give() {
            if (given) throw new IllegalStateException("a place was given back twice");
            given = true;
            if (ofCompany != null) release(companyId, ofCompany);
        }
    }
}
