package dk.ledgerline.admission;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.core.env.Environment;

/**
 * The limits of admission per class of work, validated at start-up. Each class's limit adapts to
 * the measured latency between {@code min} and {@code max}, starting at {@code initial}; while a
 * class is contended, each company keeps to its share of it, never less than {@code companyShareMin}.
 * Interactive work never waits for a place; reports and imports may wait a little, a few at a time.
 */
public record AdmissionSettings(Map<WorkClass, ClassLimits> limits) {
    /** Above this many in flight at once a node only queues work; 2 cores settle far below it. */
    static final int CONCURRENCY_LIMIT = 2_000;
    /** The least an interactive class may grow to, whatever the pool: a pool of 8 on 2 cores serves 64 writes' worth of clients. */
    static final int INTERACTIVE_MAX_LEAST = 64;

    /** The longest any request waits for a place: a short bump, never a queue. */
    static final Duration BACKLOG_WAIT_MAX = Duration.ofSeconds(2);
    /**
     * How long a report or an import may wait for a place while its class is full. Such work holds
     * one of a few connections for a while, so its class is full more often than not when two users
     * open a report at once (a rolling restart, whose starting node took half the cores from the one
     * serving, refused one trial balance in 2 000 requests without it); a report takes longer than a
     * click anyway. Past the wait, or with the backlog full, the 503 comes at once.
     */
    static final Duration REPORT_BACKLOG_WAIT = Duration.ofMillis(500);

    /**
     * {@code backlog}: how many may wait for a place at once (0: none waits, a request over the
     * limit is refused at once), each at most {@code backlogWait} and never past its deadline; the
     * newest waiter gets the next free place (the oldest are the nearest their deadline).
     */
    public record ClassLimits(int initial, int min, int max, int companyShareMin, int backlog, Duration backlogWait) {
        /** Limits without a backlog: over the limit, refused at once. */
        public ClassLimits(int initial, int min, int max, int companyShareMin) {
            this(initial, min, max, companyShareMin, 0, Duration.ZERO);
        }

        public ClassLimits {
            if (min < 1 || max > CONCURRENCY_LIMIT || min > initial || initial > max) {
                throw new IllegalArgumentException("admission limits must satisfy 1 <= min <= initial <= max <= " + CONCURRENCY_LIMIT
                        + "; were min=" + min + " initial=" + initial + " max=" + max);
            }
            if (companyShareMin < 1 || companyShareMin > max) {
                throw new IllegalArgumentException("a company's share must be from 1 to max=" + max + "; was " + companyShareMin);
            }
            if (backlog < 0 || backlog > max) throw new IllegalArgumentException("a backlog must be from 0 to max=" + max + "; was " + backlog);
            if (backlogWait == null || backlogWait.isNegative() || backlogWait.compareTo(BACKLOG_WAIT_MAX) > 0 || (backlog > 0) != backlogWait.isPositive()) {
                throw new IllegalArgumentException("a backlog's wait must be from 1 ms to " + BACKLOG_WAIT_MAX.toMillis() + " ms, and 0 without a backlog; was "
                        + (backlogWait == null ? null : backlogWait.toMillis() + " ms") + " with a backlog of " + backlog);
            }
        }
    }

    public AdmissionSettings {
        for (WorkClass c : WorkClass.values()) {
            if (!limits.containsKey(c)) throw new IllegalArgumentException("no admission limits for " + c);
        }
        limits = Map.copyOf(limits);
    }

    public ClassLimits of(WorkClass c) {
        return limits.get(c);
    }

    /**
     * From {@code ledgerline.admission.<class>.initial|min|max|company-share-min|backlog|backlog-wait}
     * (class in lower case with dashes: interactive-write, interactive-read, report, bulk). The
     * defaults follow the pool: interactive work starts at twice the pool, the pool being what the
     * database can serve at once, and never waits; reports and imports start small, as they hold a
     * connection long, and as many as their limit's maximum may wait {@link #REPORT_BACKLOG_WAIT}.
     */
    public static AdmissionSettings from(Environment env, int poolSize) {
        Map<WorkClass, ClassLimits> limits = new EnumMap<>(WorkClass.class);
        // Interactive work never drops below the pool: that many keep every connection busy. It
        // starts at twice the pool (reads at three times) and grows from there while latency stays
        // low, or shrinks back to the pool when it rises. A floor of 32 on a pool of 8 let 64
        // interactive requests queue for 8 connections once the CPU was full: on the VAT-day ramp at
        // three times the capacity the admitted p99 was 955 ms with it and 415 ms with the floor at
        // the pool, which also served more at 1x (0.80 of the capacity against 0.70).
        int floor = poolSize;
        limits.put(WorkClass.INTERACTIVE_WRITE, read(env, WorkClass.INTERACTIVE_WRITE, 2 * poolSize, floor,
                env.getProperty("ledgerline.admission.writes-max", Integer.class, Math.max(10 * poolSize, INTERACTIVE_MAX_LEAST)), 4, false));
        limits.put(WorkClass.INTERACTIVE_READ, read(env, WorkClass.INTERACTIVE_READ, 3 * poolSize, floor,
                env.getProperty("ledgerline.admission.reads-max", Integer.class, Math.max(15 * poolSize, 3 * INTERACTIVE_MAX_LEAST / 2)), 4, false));
        limits.put(WorkClass.REPORT, read(env, WorkClass.REPORT, Math.max(2, poolSize / 5), 1, Math.max(4, poolSize / 2), 1, true));
        limits.put(WorkClass.BULK, read(env, WorkClass.BULK, 2, 1, Math.max(2, poolSize / 5), 1, true));
        return new AdmissionSettings(limits);
    }

    private static ClassLimits read(Environment env, WorkClass c, int initial, int min, int max, int share, boolean waits) {
        String prefix = "ledgerline.admission." + c.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".";
        int maxSetting = env.getProperty(prefix + "max", Integer.class, max);
        int minSetting = env.getProperty(prefix + "min", Integer.class, Math.min(min, maxSetting));
        int initialSetting = env.getProperty(prefix + "initial", Integer.class, Math.max(minSetting, Math.min(initial, maxSetting)));
        try {
            int backlog = env.getProperty(prefix + "backlog", Integer.class, waits ? maxSetting : 0);
            Duration wait = env.getProperty(prefix + "backlog-wait", Duration.class, backlog > 0 ? REPORT_BACKLOG_WAIT : Duration.ZERO);
            // fair-share=false only measures what fair share is worth: each company may take its whole class
            int shareDefault = env.getProperty("ledgerline.admission.fair-share", Boolean.class, true) ? Math.min(share, maxSetting) : maxSetting;
            return new ClassLimits(initialSetting, minSetting, maxSetting, env.getProperty(prefix + "company-share-min", Integer.class, shareDefault),
                    backlog, wait);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "*: " + e.getMessage(), e);
        }
    }
}
