package dk.ledgerline.testing;

import dk.ledgerline.RequestPipeline;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The tests' switch for what a browser meets on a bad day, in the test application only: the next
 * matching requests are answered late (after the handler ran: the work is done, the answer is slow)
 * or refused with a 503 before the handler, or handled and their connection closed without an
 * answer (the answer lost on the way). Each fault is used up by the requests it hits.
 */
public final class Faults extends OncePerRequestFilter {
    private record Fault(String method, String pathSuffix, Duration delay, int retryAfterSeconds, boolean drop, int[] left) {}

    private static final ConcurrentLinkedQueue<Fault> ARMED = new ConcurrentLinkedQueue<>();
    /** POSTs seen per watched path suffix, so a test can tell how often a page sent something. */
    private static final java.util.Map<String, java.util.List<String>> WATCHED = new java.util.concurrent.ConcurrentHashMap<>();

    /** From now on, records the Idempotency-Key of each POST whose path ends with {@code pathSuffix}; read with {@link #posts}. */
    public static void watch(String pathSuffix) {
        WATCHED.put(pathSuffix, java.util.Collections.synchronizedList(new java.util.ArrayList<>()));
    }

    /** The keys the watched POSTs carried, in the order they came ("none" for a POST without one). */
    public static java.util.List<String> posts(String pathSuffix) {
        return java.util.List.copyOf(WATCHED.get(pathSuffix));
    }

    /** The next POST whose path ends with {@code pathSuffix} is answered {@code delay} after its handler finished. */
    public static void answerLate(String pathSuffix, Duration delay) {
        ARMED.add(new Fault("POST", pathSuffix, delay, 0, false, new int[] {1}));
    }

    /** The next GET of a page whose path ends with {@code pathSuffix} is answered {@code delay} late. */
    public static void answerPageLate(String pathSuffix, Duration delay) {
        ARMED.add(new Fault("GET", pathSuffix, delay, 0, false, new int[] {1}));
    }

    /** The next {@code times} POSTs whose path ends with {@code pathSuffix} get a 503 with Retry-After, and their handler never runs. */
    public static void refuse(String pathSuffix, int times, int retryAfterSeconds) {
        ARMED.add(new Fault("POST", pathSuffix, Duration.ZERO, retryAfterSeconds, false, new int[] {times}));
    }

    /** The next POST whose path ends with {@code pathSuffix} is handled, and then its connection closed without an answer. */
    public static void dropAnswer(String pathSuffix) {
        ARMED.add(new Fault("POST", pathSuffix, Duration.ZERO, 0, true, new int[] {1}));
    }

    public static void clear() {
        ARMED.clear();
        WATCHED.clear();
    }

    static FilterRegistrationBean<Faults> registration() {
        FilterRegistrationBean<Faults> registration = new FilterRegistrationBean<>(new Faults());
        registration.setOrder(RequestPipeline.TEST_FAULTS_ORDER);
        return registration;
    }

    private static Fault take(HttpServletRequest request) {
        for (Fault fault : ARMED) {
            if (!fault.method().equals(request.getMethod()) || !request.getRequestURI().endsWith(fault.pathSuffix())) continue;
            synchronized (fault) {
                if (fault.left()[0] == 0) continue;
                if (--fault.left()[0] == 0) ARMED.remove(fault);
                return fault;
            }
        }
        return null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        if ("POST".equals(request.getMethod())) {
            WATCHED.forEach((suffix, seen) -> {
                if (request.getRequestURI().endsWith(suffix)) seen.add(java.util.Objects.requireNonNullElse(request.getHeader("Idempotency-Key"), "none"));
            });
        }
        Fault fault = take(request);
        if (fault == null) {
            chain.doFilter(request, response);
        } else if (fault.drop()) {
            chain.doFilter(request, new ContentCachingResponseWrapper(response)); // the answer is held, and never sent
            org.eclipse.jetty.ee11.servlet.ServletContextRequest.getServletContextRequest(request).getConnectionMetaData().getConnection().close();
        } else if (fault.retryAfterSeconds() > 0) {
            response.setStatus(503);
            response.setHeader("Retry-After", Integer.toString(fault.retryAfterSeconds()));
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Service unavailable\",\"status\":503,\"detail\":\"injected by the test\"}");
        } else {
            ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
            chain.doFilter(request, held);
            try {
                Thread.sleep(fault.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held.copyBodyToResponse();
        }
    }
}
