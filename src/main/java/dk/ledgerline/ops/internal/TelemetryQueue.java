package dk.ledgerline.ops.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.springframework.stereotype.Component;

/**
 * What telemetry waits to be written, bounded: when the database is slow or away, or browsers
 * report more than it takes, the newest rows are dropped and counted, and nobody waits.
 */
@Component
public class TelemetryQueue {
    /** A few minutes of a bad day's reports; past it, the counter of dropped rows tells. */
    static final int ROWS_MAX = 10_000;

    public record SpinnerReport(Instant reportedAt, String requestId, String page, String action, Long companyId, long userId,
                                int durationMs, String outcome) {}

    public record SlowRequest(String requestId, Instant finishedAt, String method, String path, Long userId, int status, int durationMs) {}

    private final BlockingQueue<SpinnerReport> spinners = new ArrayBlockingQueue<>(ROWS_MAX);
    private final BlockingQueue<SlowRequest> slow = new ArrayBlockingQueue<>(ROWS_MAX);
    private final Counter droppedSpinners, droppedSlow;

    TelemetryQueue(MeterRegistry meters) {
        droppedSpinners = Counter.builder("ledgerline_telemetry_dropped").tag("kind", "spinner")
                .description("telemetry rows dropped because the queue was full or the database refused them").register(meters);
        droppedSlow = Counter.builder("ledgerline_telemetry_dropped").tag("kind", "slow-request")
                .description("telemetry rows dropped because the queue was full or the database refused them").register(meters);
    }

    public void offer(SpinnerReport report) {
        if (!spinners.offer(report)) droppedSpinners.increment();
    }

    public void offer(SlowRequest request) {
        if (!slow.offer(request)) droppedSlow.increment();
    }

    List<SpinnerReport> takeSpinners(int max) {
        List<SpinnerReport> taken = new ArrayList<>();
        spinners.drainTo(taken, max);
        return taken;
    }

    List<SlowRequest> takeSlow(int max) {
        List<SlowRequest> taken = new ArrayList<>();
        slow.drainTo(taken, max);
        return taken;
    }

    void dropped(int spinnerRows, int slowRows) {
        droppedSpinners.increment(spinnerRows);
        droppedSlow.increment(slowRows);
    }
}
