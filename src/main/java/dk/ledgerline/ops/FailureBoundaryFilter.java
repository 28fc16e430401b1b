package dk.ledgerline.ops;

import dk.ledgerline.shared.ProblemResponses;
import dk.ledgerline.shared.RetryAfter;
import dk.ledgerline.shared.TransientFailures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The last word on failures that escape the pipeline's own steps (a filter's database call, say):
 * a database that is briefly unreachable is 503 with Retry-After, so clients retry instead of
 * showing an error; anything else is logged with the request id and answered as a problem.
 */
public class FailureBoundaryFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(FailureBoundaryFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException | AssertionError | LinkageError e) {
            // Errors too, but for the JVM's own (out of memory, stack overflow): a library's failed
            // assertion or a class that did not load is a failure of this request, answered as one.
            Throwable cause = e instanceof ServletException && e.getCause() != null ? e.getCause() : e;
            if (response.isCommitted()) throw e;
            response.resetBuffer();
            if (TransientFailures.isUnavailable(cause)) {
                log.warn("Request failed on a transient condition: {}", cause.toString());
                RetryAfter.DATABASE_UNAVAILABLE.set(response);
                ProblemResponses.write(response, 503, "Service unavailable", "the service is busy or its database is switching over; retry shortly");
            } else {
                log.error("Request failed", cause);
                ProblemResponses.write(response, 500, "Internal error", "the request failed on our side; quote the X-Request-Id header when reporting it");
            }
        }
    }
}
