package dk.ledgerline.admission;

import dk.ledgerline.shared.RequestDeadline;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/** Gives every request a deadline; waits further down take only the time that remains of it. */
public class DeadlineFilter extends OncePerRequestFilter {
    /** Users give up on a page after about ten seconds; work past that is wasted. */
    public static final Duration INTERACTIVE_DEADLINE = Duration.ofSeconds(10);
    /** Reports and exports read more; they still end before a proxy's usual 60 s timeout. */
    public static final Duration REPORT_DEADLINE = Duration.ofSeconds(30);

    private final Clock clock;

    public DeadlineFilter(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        Duration budget = path.contains("/reports/") || path.contains("/exports/") ? REPORT_DEADLINE : INTERACTIVE_DEADLINE;
        RequestDeadline.set(clock.instant().plus(budget));
        try {
            chain.doFilter(request, response);
        } finally {
            RequestDeadline.clear();
        }
    }
}
