package dk.ledgerline.ops;

import dk.ledgerline.shared.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operators' API under {@value #PREFIX} answers only a bearer of the operators' token
 * ({@code ledgerline.ops.token}); without one configured it is not there at all. Users' tokens
 * and sessions count for nothing here, and an operator's token counts for nothing elsewhere.
 */
public final class OperatorFilter extends OncePerRequestFilter {
    public static final String PREFIX = "/ops/";
    /** A token an operator cannot guess in a lifetime of tries. */
    public static final int TOKEN_LENGTH_MIN = 32;

    private final byte[] token;

    /** {@code token} null: no operators' API on this node. */
    public OperatorFilter(String token) {
        if (token != null && token.length() < TOKEN_LENGTH_MIN) {
            throw new IllegalArgumentException("ledgerline.ops.token must be at least " + TOKEN_LENGTH_MIN + " characters");
        }
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (token == null) {
            ProblemResponses.write(response, 404, "Not Found", "this node has no operators' API (set ledgerline.ops.token to have one)");
            return;
        }
        String authorization = request.getHeader("Authorization");
        byte[] offered = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(offered, token)) {
            response.setHeader("WWW-Authenticate", "Bearer");
            ProblemResponses.write(response, 401, "Unauthorized", "the operators' API needs the operators' token as a bearer token");
            return;
        }
        chain.doFilter(request, response);
    }
}
