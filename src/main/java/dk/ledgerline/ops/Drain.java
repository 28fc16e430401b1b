package dk.ledgerline.ops;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The first step of stopping a node behind a load balancer: readiness turns false
 * ({@code /actuator/health/readiness} answers 503) while the node goes on serving for
 * {@code ledgerline.shutdown.drain}, long enough for the load balancer's health checks to take it
 * out. Only then does the web server stop taking requests and finish the ones in flight (Spring
 * Boot's graceful shutdown). Without a load balancer the drain is 0 and stopping starts at once.
 */
@Component
class Drain implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Drain.class);
    static final Duration DRAIN_MAX = Duration.ofSeconds(60);

    private final ApplicationEventPublisher events;
    private final Duration drain;
    private volatile boolean running;

    Drain(ApplicationEventPublisher events, Environment env) {
        this.events = events;
        this.drain = env.getProperty("ledgerline.shutdown.drain", Duration.class, Duration.ZERO);
        if (drain.isNegative() || drain.compareTo(DRAIN_MAX) > 0) {
            throw new IllegalArgumentException("ledgerline.shutdown.drain must be from 0s to " + DRAIN_MAX.toSeconds() + "s; was " + drain);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        if (!running) return;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        if (!drain.isZero()) {
            log.info("Readiness is down; serving {} ms more while the load balancer takes this node out", drain.toMillis());
            try {
                Thread.sleep(drain);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before everything else, the web server's graceful shutdown included. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
