package dk.ledgerline.admission.internal;

import dk.ledgerline.shared.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets idempotency keys once no client can still be retrying them. */
@Component
public class IdempotencySweep {
    /** We promise clients 24 hours; keeping twice that covers a client retrying across a day boundary. */
    public static final Duration RETENTION = Duration.ofHours(48);
    /** Deleting in small batches keeps each statement short, so a sweep never competes with posting. */
    static final int BATCH_SIZE = 1_000;
    static final int BATCHES_PER_SWEEP_MAX = 100;

    private static final Logger log = LoggerFactory.getLogger(IdempotencySweep.class);

    private final IdempotencyStore store;
    private final UnitOfWork units;
    private final Clock clock;

    IdempotencySweep(IdempotencyStore store, UnitOfWork units, Clock clock) {
        this.store = store;
        this.units = units;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public int sweep() {
        int deleted = 0;
        for (int batch = 0; batch < BATCHES_PER_SWEEP_MAX; batch++) {
            int n = units.write(() -> store.deleteOlderThan(clock.instant().minus(RETENTION), BATCH_SIZE));
            deleted += n;
            if (n < BATCH_SIZE) break;
        }
        if (deleted > 0) log.info("Forgot {} idempotency keys older than {}", deleted, RETENTION);
        return deleted;
    }
}
