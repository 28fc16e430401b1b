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

    /** The pages' script says how long it waits (milliseconds); work past that is wasted too. */
    public static final String CLIENT_TIMEOUT_HEADER = "Ledgerline-Timeout";
    /** Shorter than this is a broken client, not a deadline: it is ignored. */
    static final Duration CLIENT_TIMEOUT_MIN = Duration.ofMillis(500);

    private final Clock clock;

    public DeadlineFilter(Clock clock) {
        this.clock = clock;
    }

    static Duration clientTimeout(String header) {
        if (header == null || header.length() > 9 || header.isEmpty() || !header.chars().allMatch(Character::isDigit)) return null;
        Duration given = Duration.ofMillis(Long.parseLong(header));
        return given.compareTo(CLIENT_TIMEOUT_MIN) < 0 ? null : given;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        Duration budget = path.contains("/reports/") || path.contains("/exports/") ? REPORT_DEADLINE : INTERACTIVE_DEADLINE;
        Duration client = clientTimeout(request.getHeader(CLIENT_TIMEOUT_HEADER));
        if (client != null && client.compareTo(budget) < 0) budget = client;
        RequestDeadline.set(clock.instant().plus(budget));
        try {
            chain.doFilter(request, response);
        } finally {
            RequestDeadline.clear();
        }
    }
}
