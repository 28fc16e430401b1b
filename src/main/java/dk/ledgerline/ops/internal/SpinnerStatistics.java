package dk.ledgerline.ops.internal;

import dk.ledgerline.ops.SpinnerSummary;
import dk.ledgerline.ops.SpinnerSummary.Cause;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The operators' view of spinner reports, each joined to the server's timing of its request. */
@Component
public class SpinnerStatistics {
    /** At least this share of the user's wait spent in the server makes the server the cause. */
    static final double SERVER_SHARE_MIN = 0.5;
    /** The reports one summary reads at most, newest first: a window of a bad day still answers at once. */
    static final int REPORTS_READ_MAX = 200_000;
    static final int PLACES_MAX = 50;
    static final int RECENT_MAX = 25;
    static final int BUCKETS_MAX = 500;

    /**
     * A page load the browser stopped has no request id of the server's: its report is joined to the
     * same user's slow GET of the same page that ended from {@code SLACK} before it began to
     * {@code LATE} after it was reported (the server may finish after the browser gave up).
     */
    static final int NAVIGATION_SLACK_SECONDS = 5, NAVIGATION_LATE_SECONDS = 60;

    /** Each report in the window with its cause; the server's time is the longest it logged for the id (a retry reuses none). */
    private static final String CLASSIFIED = """
            with classified as (
                select s.reported_at, s.request_id, s.page, s.action, s.company_id, s.user_id, s.duration_ms, s.outcome, t.duration_ms as server_ms,
                       case when s.outcome = 'abandoned' then 'ABANDONED'
                            when t.duration_ms is not null and t.duration_ms >= :share * s.duration_ms then 'SERVER'
                            else 'NETWORK' end as cause
                from (select * from spinner_reports where reported_at >= :from and reported_at < :to order by reported_at desc limit :max) s
                left join lateral (select coalesce(
                        (select max(q.duration_ms) from slow_requests q where q.request_id = s.request_id and q.user_id is not distinct from s.user_id),
                        (select max(q.duration_ms) from slow_requests q
                         where s.request_id like 'nav-%' and q.user_id = s.user_id and q.method = 'GET' and q.path = s.page
                           and q.finished_at between s.reported_at - make_interval(secs => s.duration_ms / 1000.0 + :slack)
                                                 and s.reported_at + make_interval(secs => :late))) as duration_ms) t on true
            )
            """;

    private final JdbcClient jdbc;

    SpinnerStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public SpinnerSummary summary(Instant from, Instant to, Duration bucket) {
        if (!from.isBefore(to)) throw new IllegalArgumentException("a window ends after it starts; was " + from + " to " + to);
        if (Duration.between(from, to).dividedBy(bucket) > BUCKETS_MAX) throw new IllegalArgumentException("at most " + BUCKETS_MAX + " buckets of " + bucket);
        long[] totals = jdbc.sql(CLASSIFIED + "select count(*), count(distinct user_id), count(distinct company_id) from classified")
                .params(window(from, to)).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        List<SpinnerSummary.Place> places = jdbc.sql(CLASSIFIED + """
                select page, action, count(*), count(distinct user_id), count(distinct company_id),
                       percentile_disc(0.5) within group (order by duration_ms), percentile_disc(0.95) within group (order by duration_ms), max(duration_ms),
                       count(*) filter (where cause = 'SERVER'), count(*) filter (where cause = 'NETWORK'), count(*) filter (where cause = 'ABANDONED')
                from classified group by page, action order by count(*) desc, page, action limit :places""")
                .params(window(from, to)).param("places", PLACES_MAX)
                .query((rs, n) -> new SpinnerSummary.Place(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11))).list();
        List<SpinnerSummary.Bucket> timeline = jdbc.sql(CLASSIFIED + """
                select date_bin(make_interval(secs => :bucket), reported_at, :from) as start,
                       count(*) filter (where cause = 'SERVER'), count(*) filter (where cause = 'NETWORK'), count(*) filter (where cause = 'ABANDONED')
                from classified group by start order by start limit :buckets""")
                .params(window(from, to)).param("bucket", bucket.toSeconds()).param("buckets", BUCKETS_MAX)
                .query((rs, n) -> new SpinnerSummary.Bucket(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3), rs.getLong(4))).list();
        List<SpinnerSummary.Recent> recent = jdbc.sql(CLASSIFIED + """
                select reported_at, request_id, page, action, company_id, user_id, duration_ms, outcome, cause, server_ms
                from classified order by reported_at desc, request_id limit :recent""")
                .params(window(from, to)).param("recent", RECENT_MAX)
                .query((rs, n) -> new SpinnerSummary.Recent(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                        nullableLong(rs, 5), rs.getLong(6), rs.getLong(7), rs.getString(8), Cause.valueOf(rs.getString(9)),
                        nullableLong(rs, 10))).list();
        return new SpinnerSummary(from, to, totals[0], totals[1], totals[2], places, timeline, recent);
    }

    private static Long nullableLong(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static java.util.Map<String, Object> window(Instant from, Instant to) {
        return java.util.Map.of("from", Timestamp.from(from), "to", Timestamp.from(to), "share", SERVER_SHARE_MIN, "max", REPORTS_READ_MAX,
                "slack", NAVIGATION_SLACK_SECONDS, "late", NAVIGATION_LATE_SECONDS);
    }
}
