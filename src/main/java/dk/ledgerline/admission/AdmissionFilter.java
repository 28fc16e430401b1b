package dk.ledgerline.admission;

import dk.ledgerline.shared.ProblemResponses;
import dk.ledgerline.shared.RetryAfter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds how many requests work at once. A request that finds no place within a short wait is
 * answered 503 with Retry-After at once, instead of joining a queue that grows until the node
 * falls over. Reads and writes have separate bounds, so a burst of reports cannot starve posting.
 */
public class AdmissionFilter extends OncePerRequestFilter {
    /** How long a request may wait for a place; past this the node is overloaded, and saying so is kinder. */
    public static final Duration ADMISSION_WAIT_MAX = Duration.ofMillis(500);

    private final Semaphore writes;
    private final Semaphore reads;
    private final int writesMax;
    private final int readsMax;

    /** {@code writesMax} and {@code readsMax}: concurrent requests per class; above the pool size they only queue on it. */
    public AdmissionFilter(int writesMax, int readsMax) {
        if (writesMax < 1 || readsMax < 1) throw new IllegalArgumentException("admission limits must be at least 1; were writes=" + writesMax + " reads=" + readsMax);
        this.writes = new Semaphore(writesMax);
        this.reads = new Semaphore(readsMax);
        this.writesMax = writesMax;
        this.readsMax = readsMax;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (path.startsWith("/static/") || path.startsWith("/webjars/") || path.startsWith("/actuator/")) {
            chain.doFilter(request, response);
            return;
        }
        boolean write = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
        Semaphore places = write ? writes : reads;
        boolean admitted;
        try {
            admitted = places.tryAcquire(ADMISSION_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            RetryAfter.OVERLOADED.set(response);
            ProblemResponses.write(response, 503, "Busy", "the server is at its limit of " + (write ? writesMax + " concurrent writes" : readsMax + " concurrent reads") + "; retry shortly");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            places.release();
        }
    }
}
