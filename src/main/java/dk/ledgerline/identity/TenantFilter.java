package dk.ledgerline.identity;

import dk.ledgerline.shared.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the company in the path ({@code /api/v1/companies/{id}/…} or {@code /companies/{id}/…})
 * and the caller's membership of it. A caller who is not a member gets 404, as if it did not exist:
 * no company's existence leaks to another tenant.
 */
public class TenantFilter extends OncePerRequestFilter {
    public static final String COMPANY_MDC_KEY = "companyId";
    private static final Pattern COMPANY_PATH = Pattern.compile("^(?:/api/v1)?/companies/([^/]+)(?:/.*)?$");
    private static final Pattern ID = Pattern.compile("[1-9]\\d{0,17}");

    private final Identity identity;

    /** The company a path addresses, as written: a claim, not yet checked against memberships. */
    public static java.util.Optional<Long> companyIdIn(String path) {
        Matcher m = COMPANY_PATH.matcher(path);
        if (!m.matches() || !ID.matcher(m.group(1)).matches()) return java.util.Optional.empty();
        return java.util.Optional.of(Long.parseLong(m.group(1)));
    }

    public TenantFilter(Identity identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher m = COMPANY_PATH.matcher(path);
        Object principal = request.getAttribute(AuthenticationFilter.PRINCIPAL);
        if (!m.matches() || !(principal instanceof Principal caller)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<CompanyAccess> access = ID.matcher(m.group(1)).matches()
                ? identity.access(caller.userId(), Long.parseLong(m.group(1)))
                : Optional.empty();
        if (access.isEmpty()) {
            if (path.startsWith("/api/")) {
                ProblemResponses.write(response, 404, "Not found", "company " + m.group(1) + " does not exist");
            } else {
                response.sendError(404);
            }
            return;
        }
        request.setAttribute(CompanyAccess.REQUEST_ATTRIBUTE, access.get());
        MDC.put(COMPANY_MDC_KEY, Long.toString(access.get().companyId()));
        chain.doFilter(request, response);
    }
}
