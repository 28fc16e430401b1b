package dk.ledgerline.admission;

import dk.ledgerline.shared.ProblemResponses;
import dk.ledgerline.shared.ReadOnly;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While Ledgerline is read-only ({@link ReadOnly}), a request that would write is answered at once,
 * before it touches the database: 503 with Retry-After and the reason (problem+json for the API, a
 * short page otherwise). Reading goes on, and so do logging in and out, which only read.
 */
public final class ReadOnlyFilter extends OncePerRequestFilter {
    /** Requests that change nothing the standby lacks: a login reads the user; a page's logout drops the cookie. */
    private static final Set<String> ALLOWED = Set.of("POST /api/v1/auth/token", "POST /login", "POST /logout");
    private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");

    private final ReadOnly readOnly;

    public ReadOnlyFilter(ReadOnly readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return READING.contains(request.getMethod()) || path.startsWith("/ops/") || path.startsWith("/actuator/")
                || ALLOWED.contains(request.getMethod() + " " + path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ReadOnly.Reason> reason = readOnly.reason();
        if (reason.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        reason.get().retryAfter().set(response);
        if (request.getRequestURI().startsWith("/api/")) {
            ProblemResponses.write(response, 503, "Read-only for a moment", "nothing was changed: " + reason.get().detail());
            return;
        }
        String why = reason.get().planned() ? "Ledgerline er skrivebeskyttet under vedligeholdelse: " + reason.get().detail()
                : "Databasen skifter lige nu. Du kan læse alt, men ikke gemme.";
        ProblemResponses.writePage(response, 503, "Skrivebeskyttet", "Skrivebeskyttet et øjeblik",
                why + " Intet er ændret. Prøv igen om " + reason.get().retryAfter().seconds() + " sekunder.");
    }
}
