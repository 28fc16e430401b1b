package dk.ledgerline.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The application's clock in the tests: it starts at a fixed moment and runs at the speed of real
 * time, so deadlines and timeouts behave as in production while "today" is the same date on every
 * run, on every machine, in the test and in the server. Tests ask {@link TestApp#today()} for it.
 */
public final class TestClock extends Clock {
    /**
     * Monday 16 November 2026, 10:00 in Copenhagen: inside Q4 and November, after the Q3 2026
     * deadline, with 14 hours before the date changes however long the suite runs.
     */
    public static final LocalDateTime START = LocalDateTime.of(2026, 11, 16, 10, 0);
    public static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");

    private final Instant start = START.atZone(COPENHAGEN).toInstant();
    private final long startNanos = System.nanoTime();

    @Override
    public ZoneId getZone() {
        return COPENHAGEN;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        TestClock self = this;
        return new Clock() {
            @Override public ZoneId getZone() { return zone; }
            @Override public Clock withZone(ZoneId other) { return self.withZone(other); }
            @Override public Instant instant() { return self.instant(); }
        };
    }

    @Override
    public Instant instant() {
        return start.plusNanos(System.nanoTime() - startNanos);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(instant(), COPENHAGEN);
    }
}
