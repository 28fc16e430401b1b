package dk.ledgerline.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Ledgerline takes only reads for a moment, and why. Two reasons:
 * <ul>
 * <li><b>planned</b>: an operator switched it on for maintenance (on every node: it is kept in the
 * database and announced to the nodes), until switched off;</li>
 * <li><b>no primary</b>: the primary stopped answering and a standby is configured. Units of work
 * then read from the standby at once; writes go on trying for {@link #WRITES_WAIT_FOR_PRIMARY}
 * (a failover usually ends sooner), and after that are refused at once, until a probe finds a
 * primary again.</li>
 * </ul>
 * Refusing happens before a request touches the database, with 503, Retry-After and a reason.
 */
public final class ReadOnly {
    private static final Logger log = LoggerFactory.getLogger(ReadOnly.class);
    /** How long writes keep trying after the primary stopped answering, before they are refused at once. */
    public static final Duration WRITES_WAIT_FOR_PRIMARY = Duration.ofSeconds(3);
    /** How often a node without a primary looks for one. */
    static final Duration PROBE_EVERY = Duration.ofMillis(200);

    /** Why writes are refused just now, and when to ask again. */
    public record Reason(String detail, RetryAfter retryAfter, boolean planned) {}

    /** Set while a unit of work takes its connection from the standby (read by the routing of connections). */
    private static final ThreadLocal<Boolean> OPENING_ON_STANDBY = ThreadLocal.withInitial(() -> false);

    private final boolean standby;
    private final BooleanSupplier primaryAnswers;
    private final Clock clock;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile String planned;
    private volatile Instant primaryAwaySince;

    /**
     * {@code standby}: a standby to read from is configured; {@code primaryAnswers}: tries to reach
     * a primary (a new connection, not a pool's).
     */
    public ReadOnly(boolean standby, BooleanSupplier primaryAnswers, Clock clock) {
        this.standby = standby;
        this.primaryAnswers = primaryAnswers;
        this.clock = clock;
    }

    /** Why writes are refused now; empty when they are taken. */
    public Optional<Reason> reason() {
        String plan = planned;
        if (plan != null) return Optional.of(new Reason(plan, RetryAfter.MAINTENANCE, true));
        Instant away = primaryAwaySince;
        if (away != null && !clock.instant().isBefore(away.plus(WRITES_WAIT_FOR_PRIMARY))) {
            return Optional.of(new Reason("the database is switching over; reading works, writing is back in a moment", RetryAfter.DATABASE_UNAVAILABLE, false));
        }
        return Optional.empty();
    }

    /** Units of work read from the standby: the primary is away and there is a standby. */
    public boolean readsFromStandby() {
        return primaryAwaySince != null;
    }

    /** For the routing of connections: the unit being opened on this thread takes a standby's. */
    public static boolean openingOnStandby() {
        return OPENING_ON_STANDBY.get();
    }

    /** Opens a unit of work ({@code open}) on a standby's connection. */
    <T> T onStandby(java.util.function.Supplier<T> open) {
        OPENING_ON_STANDBY.set(true);
        try {
            return open.get();
        } finally {
            OPENING_ON_STANDBY.set(false);
        }
    }

    /**
     * A unit of work could not reach the primary. With a standby, reads move there and a probe
     * looks for a primary until one answers; without one there is nothing to read from instead.
     */
    public void primaryUnreachable() {
        if (!standby || primaryAwaySince != null) return;
        synchronized (this) {
            if (primaryAwaySince != null) return;
            primaryAwaySince = clock.instant();
        }
        log.warn("The primary does not answer: reading from the standby, writes refused after {} s without one", WRITES_WAIT_FOR_PRIMARY.toSeconds());
        startProbing();
    }

    /** One probe at a time. */
    private void startProbing() {
        if (probing.compareAndSet(false, true)) Thread.ofVirtual().name("ledgerline-primary-probe").start(this::probe);
    }

    /** The operator's switch as the database holds it (null: off). */
    public void planned(String reason) {
        String before = planned;
        planned = reason;
        if (before == null && reason != null) log.warn("Read-only for maintenance: {}", reason);
        if (before != null && reason == null) log.info("Read-only for maintenance ended");
    }

    private void probe() {
        try {
            while (primaryAwaySince != null) {
                try {
                    Thread.sleep(PROBE_EVERY);
                } catch (InterruptedException e) {
                    return;
                }
                if (primaryAnswers.getAsBoolean()) {
                    Instant since = primaryAwaySince;
                    primaryAwaySince = null;
                    log.info("A primary answers again after {} ms: writing and reading from it", since == null ? 0 : Duration.between(since, clock.instant()).toMillis());
                }
            }
        } finally {
            probing.set(false);
            // one that failed in the moment between the loop's end and this
            if (primaryAwaySince != null) startProbing();
        }
    }
}
