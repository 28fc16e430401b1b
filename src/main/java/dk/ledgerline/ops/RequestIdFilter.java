package dk.ledgerline.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.Principal;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane), returns it on the
 * response and puts it in every log line, so one complaint finds its logs; times it, so that a
 * slow one can be joined to the spinner a browser reports for it ({@link SlowRequests}).
 */
public class RequestIdFilter extends OncePerRequestFilter {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    public static final String COMPANY_MDC_KEY = "companyId";
    /** Long enough for a UUID or a W3C trace id; anything else might be an attack on the logs. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final SlowRequests slowRequests;

    /** The id of the request this thread serves, for a page to carry (its spinner report names it); empty outside a request. */
    public static String currentId() {
        String id = MDC.get(MDC_KEY);
        return id == null ? "" : id;
    }

    public RequestIdFilter(SlowRequests slowRequests) {
        this.slowRequests = slowRequests;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        MDC.put(MDC_KEY, id);
        response.setHeader(HEADER, id);
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            slowRequests.finished(id, request.getMethod(), request.getRequestURI(),
                    request.getAttribute(AuthenticationFilter.PRINCIPAL) instanceof Principal p ? p.userId() : null, response.getStatus(), System.nanoTime() - started);
            MDC.remove(MDC_KEY);
            MDC.remove(COMPANY_MDC_KEY);
        }
    }
}
