package dk.ledgerline.identity;

import dk.ledgerline.shared.CallerScope;
import dk.ledgerline.shared.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the caller from a bearer token (API) or the session cookie (browser). Both are signed
 * tokens checked in memory: no database round trip, so no logout when the database fails over.
 */
public class AuthenticationFilter extends OncePerRequestFilter {
    public static final String PRINCIPAL = "ledgerline.principal";
    public static final String SESSION_COOKIE = "ledgerline_session";
    /** Request attribute: the user a handler started a browser session for, so that a replayed answer can start one again. */
    public static final String SESSION_STARTED_FOR = "ledgerline.sessionStartedFor";

    /** API paths anyone may call: signing up, getting a token, reading the API's description. */
    private static final Set<String> PUBLIC_API = Set.of("POST /api/v1/users", "POST /api/v1/auth/token", "GET /api/v1/openapi", "GET /api/v1/openapi.yaml");
    /** The operators' API, which has a token of its own (the ops module's OperatorFilter). */
    private static final String OPERATORS = "/ops/";
    /** Sent by the pages' script on every request it makes: such a request is answered 401, not redirected, when the session has ended. */
    public static final String PAGE_SCRIPT_HEADER = "Ledgerline-Request";
    /** A page to come back to after logging in; longer is not a page of ours. */
    static final int RETURN_PATH_LENGTH_MAX = 1_000;
    private static final Set<String> PUBLIC_PAGES = Set.of("/login", "/signup", "/language", "/favicon.ico");

    private final Identity identity;
    private final Clock clock;

    public AuthenticationFilter(Identity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(OPERATORS)) { // the operators' own token was checked before this step
            chain.doFilter(request, response);
            return;
        }
        boolean api = path.startsWith("/api/");
        Optional<Principal> principal = Optional.empty();
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            principal = identity.verify(authorization.substring(7).trim());
        } else if (!api) {
            principal = sessionCookie(request).flatMap(identity::verify);
            principal.ifPresent(p -> renewIfHalfSpent(p, request, response));
        }
        principal.ifPresent(p -> {
            request.setAttribute(PRINCIPAL, p);
            request.setAttribute(CallerScope.ATTRIBUTE, CallerScope.ofUser(p.userId()));
        });

        if (principal.isEmpty() && !isPublic(path, request.getMethod(), api)) {
            if (api) {
                response.setHeader("WWW-Authenticate", "Bearer");
                ProblemResponses.write(response, 401, "Unauthorized", "a valid bearer token is required; get one from POST /api/v1/auth/token");
            } else if (request.getHeader(PAGE_SCRIPT_HEADER) != null) {
                // the pages' script keeps what the user typed and sends them to log in and back
                ProblemResponses.write(response, 401, "Unauthorized", "the session has ended; log in again");
            } else {
                response.sendRedirect(request.getContextPath() + loginReturningTo(request));
            }
            return;
        }
        if (!api && principal.isPresent() && "POST".equals(request.getMethod()) && "cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
            // A form posted from another site rides on the session cookie; refuse it.
            ProblemResponses.write(response, 403, "Forbidden", "cross-site form posts are not accepted");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Log in, then back to the page that asked (a GET only: a form post cannot be repeated by a redirect). */
    static String loginReturningTo(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) return "/login";
        String target = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if (target.equals("/") || !isLocalPath(target)) return "/login";
        return "/login?next=" + java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A path on this site ("/companies/7"), never another site ("//evil.example", "/\\evil", "https://…"). */
    public static boolean isLocalPath(String target) {
        return target != null && target.length() <= RETURN_PATH_LENGTH_MAX && target.startsWith("/") && !target.startsWith("//")
                && target.chars().noneMatch(c -> c == '\\' || c < 0x21 || c == 0x7F);
    }

    private static boolean isPublic(String path, String method, boolean api) {
        if (api) return PUBLIC_API.contains(method + " " + path);
        return PUBLIC_PAGES.contains(path) || path.startsWith("/static/") || path.startsWith("/webjars/")
                || path.startsWith("/actuator/") || path.equals("/error");
    }

    private static Optional<String> sessionCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) return Optional.empty();
        for (Cookie cookie : cookies) {
            if (SESSION_COOKIE.equals(cookie.getName())) return Optional.of(cookie.getValue());
        }
        return Optional.empty();
    }

    private void renewIfHalfSpent(Principal principal, HttpServletRequest request, HttpServletResponse response) {
        Duration left = Duration.between(clock.instant(), principal.expiresAt());
        if (left.compareTo(Identity.SESSION_LIFETIME.dividedBy(2)) < 0) {
            setSessionCookie(response, identity.renew(principal, Identity.SESSION_LIFETIME).token(), request.isSecure());
        }
    }

    /** Sets the session cookie of a session the handler just started for {@code userId}, and says so to the pipeline. */
    public static void startSession(HttpServletRequest request, HttpServletResponse response, String token, long userId) {
        setSessionCookie(response, token, request.isSecure());
        request.setAttribute(SESSION_STARTED_FOR, userId);
    }

    public static void setSessionCookie(HttpServletResponse response, String token, boolean secure) {
        response.addHeader("Set-Cookie", SESSION_COOKIE + "=" + token + "; Path=/; Max-Age=" + Identity.SESSION_LIFETIME.toSeconds()
                + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }

    public static void clearSessionCookie(HttpServletResponse response) {
        response.addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    }
}
