package dk.ledgerline.ops.internal;

import dk.ledgerline.identity.Company;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.shared.UnitOfWork;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes queued telemetry in batches, one short transaction a second at most, and forgets it after
 * {@link #RETENTION}. A failed batch is dropped and counted: telemetry never retries its way into
 * competing with bookkeeping.
 */
@Component
class TelemetryWriter {
    /** Enough to compare this quarter's VAT deadline with the last one's. */
    static final Duration RETENTION = Duration.ofDays(100);
    /** One insert per batch; a second's worth of a bad day. */
    static final int BATCH_ROWS_MAX = 1_000;
    /** Deleting in small batches keeps each statement short. */
    static final int DELETE_BATCH_ROWS = 5_000;
    static final int DELETE_BATCHES_PER_SWEEP_MAX = 20;

    private static final Logger log = LoggerFactory.getLogger(TelemetryWriter.class);

    private final TelemetryQueue queue;
    private final UnitOfWork units;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Identity identity;

    TelemetryWriter(TelemetryQueue queue, UnitOfWork units, JdbcTemplate jdbc, Clock clock, Identity identity) {
        this.identity = identity;
        this.queue = queue;
        this.units = units;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1S", initialDelayString = "PT1S")
    public void flush() {
        List<TelemetryQueue.SpinnerReport> spinners = queue.takeSpinners(BATCH_ROWS_MAX);
        List<TelemetryQueue.SlowRequest> slow = queue.takeSlow(BATCH_ROWS_MAX);
        // each table on its own: a batch the database refuses costs only its own rows
        insert("spinner reports", spinners.size(), () -> ofTheirCompaniesOnly(spinners), """
                insert into spinner_reports (reported_at, request_id, page, action, company_id, user_id, duration_ms, outcome)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", (ps, r) -> {
            ps.setTimestamp(1, Timestamp.from(r.reportedAt()));
            ps.setString(2, r.requestId());
            ps.setString(3, r.page());
            ps.setString(4, r.action());
            ps.setObject(5, r.companyId());
            ps.setLong(6, r.userId());
            ps.setInt(7, r.durationMs());
            ps.setString(8, r.outcome());
        }, n -> queue.dropped(n, 0));
        insert("slow-request timings", slow.size(), () -> slow, """
                insert into slow_requests (request_id, finished_at, method, path, user_id, status, duration_ms)
                values (?, ?, ?, ?, ?, ?, ?)""", (ps, r) -> {
            ps.setString(1, r.requestId());
            ps.setTimestamp(2, Timestamp.from(r.finishedAt()));
            ps.setString(3, r.method());
            ps.setString(4, r.path());
            ps.setObject(5, r.userId());
            ps.setInt(6, r.status());
            ps.setInt(7, r.durationMs());
        }, n -> queue.dropped(0, n));
    }

    /** One batch into one table in one short transaction; a failure drops the batch and counts it, never retried. */
    private <T> void insert(String what, int taken, java.util.function.Supplier<List<T>> rows, String sql,
                            org.springframework.jdbc.core.ParameterizedPreparedStatementSetter<T> setter, java.util.function.IntConsumer dropped) {
        if (taken == 0) return;
        try {
            List<T> batch = rows.get();
            units.write(() -> jdbc.batchUpdate(sql, batch, batch.size(), setter));
        } catch (RuntimeException e) {
            dropped.accept(taken);
            log.warn("Dropped {} {}: {}", taken, what, e.toString());
        }
    }

    /** A report names the company of its page only if its user is a member: a page path is what a browser says. */
    private List<TelemetryQueue.SpinnerReport> ofTheirCompaniesOnly(List<TelemetryQueue.SpinnerReport> reports) {
        java.util.Map<Long, java.util.Set<Long>> companiesOf = new java.util.HashMap<>();
        return reports.stream().map(r -> {
            if (r.companyId() == null) return r;
            java.util.Set<Long> companies = companiesOf.computeIfAbsent(r.userId(),
                    user -> identity.companies(user).stream().map(Company::id).collect(java.util.stream.Collectors.toSet()));
            return companies.contains(r.companyId()) ? r
                    : new TelemetryQueue.SpinnerReport(r.reportedAt(), r.requestId(), r.page(), r.action(), null, r.userId(), r.durationMs(), r.outcome());
        }).toList();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public void forget() {
        Timestamp before = Timestamp.from(clock.instant().minus(RETENTION));
        for (int batch = 0; batch < DELETE_BATCHES_PER_SWEEP_MAX; batch++) {
            int deleted = units.write(() -> jdbc.update("delete from spinner_reports where id in (select id from spinner_reports where reported_at < ? limit ?)",
                    before, DELETE_BATCH_ROWS) + jdbc.update("delete from slow_requests where ctid in (select ctid from slow_requests where finished_at < ? limit ?)",
                    before, DELETE_BATCH_ROWS));
            if (deleted == 0) break;
        }
    }
}
