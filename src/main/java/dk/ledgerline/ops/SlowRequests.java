package dk.ledgerline.ops;

import dk.ledgerline.ops.internal.TelemetryQueue;
import java.time.Duration;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The server's own timing of the requests slow enough to explain a spinner, kept so that a
 * browser's spinner report can be joined to it by request id (on whichever node each landed).
 * The fast majority costs a comparison; the slow ones are written in batches off the request path.
 */
@Component
public class SlowRequests {
    /**
     * A spinner shows after 300 ms and is reported after a second more; a request the server
     * answered within half a second cannot be what kept one turning.
     */
    public static final Duration SLOW = Duration.ofMillis(500);
    /** Paths as they are logged, cut: a path is no place for a novel. */
    static final int PATH_LENGTH_MAX = 200;
    /** HTTP's methods are short; a longer one is cut to fit its column. */
    static final int METHOD_LENGTH_MAX = 10;

    private static final long SLOW_NANOS = SLOW.toNanos();

    private final TelemetryQueue queue;
    private final Clock clock;

    SlowRequests(TelemetryQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    /** Called for every request as it ends; keeps only the slow ones, and the fast pay one comparison. */
    public void finished(String requestId, String method, String path, Long userId, int status, long durationNanos) {
        if (durationNanos < SLOW_NANOS) return;
        String route = Spinners.route(path);
        queue.offer(new TelemetryQueue.SlowRequest(requestId, clock.instant(), method.length() > METHOD_LENGTH_MAX ? method.substring(0, METHOD_LENGTH_MAX) : method,
                route.length() > PATH_LENGTH_MAX ? route.substring(0, PATH_LENGTH_MAX) : route, userId, status,
                (int) Math.min(Integer.MAX_VALUE, durationNanos / 1_000_000)));
    }
}
