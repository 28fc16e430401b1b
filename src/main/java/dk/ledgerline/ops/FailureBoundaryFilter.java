package dk.ledgerline.ops;

import dk.ledgerline.shared.ProblemResponses;
import dk.ledgerline.shared.RequestDeadline;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The last word on failures that escape the pipeline's own steps (a filter's database call, say):
 * a database that is briefly unreachable is 503 with Retry-After, so clients retry instead of
 * showing an error; anything else is logged with the request id and answered as a problem.
 */
public class FailureBoundaryFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(FailureBoundaryFilter.class);
    /** Failover completes in seconds; a client that waits this long usually finds the database back. */
    public static final int RETRY_AFTER_SECONDS = 2;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            Throwable cause = e instanceof ServletException && e.getCause() != null ? e.getCause() : e;
            if (response.isCommitted()) throw e;
            response.resetBuffer();
            if (isTransient(cause)) {
                log.warn("Request failed on a transient condition: {}", cause.toString());
                response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
                ProblemResponses.write(response, 503, "Service unavailable", "the service is busy or its database is switching over; retry shortly");
            } else {
                log.error("Request failed", cause);
                ProblemResponses.write(response, 500, "Internal error", "the request failed on our side; quote the X-Request-Id header when reporting it");
            }
        }
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof TransientDataAccessException
                    || t instanceof RequestDeadline.DeadlineExceeded || t instanceof java.sql.SQLTransientException) {
                return true;
            }
        }
        return false;
    }
}
