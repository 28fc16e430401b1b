package dk.ledgerline.admission;

import dk.ledgerline.admission.internal.CachedBodyRequest;
import dk.ledgerline.admission.internal.KeyedWrites;
import dk.ledgerline.admission.internal.RequestFingerprint;
import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.shared.CallerScope;
import dk.ledgerline.shared.ProblemResponses;
import dk.ledgerline.shared.Uploads;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes writes safe to retry. Every POST carries an {@code Idempotency-Key} (a form carries it as
 * the field {@code idempotencyKey}); a POST without one is refused, since a client that cannot
 * retry it safely should not have sent it. PUT and DELETE are idempotent by themselves and may
 * carry one. A keyed write runs as one unit of work with the record of its answer
 * ({@link KeyedWrites}): a retry with the same key and request gets the first answer again; with
 * a different request, 422 naming what differs; while the first is still running, its answer
 * once it has one (409 when that takes longer than the lock timeout).
 *
 * <p>It also bounds every write's body, since it is the first step to read it.
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter {
    public static final String KEY_HEADER = "Idempotency-Key";
    public static final String KEY_FIELD = "idempotencyKey";
    public static final String REPLAYED_HEADER = KeyedWrites.REPLAYED_HEADER;
    /** A voucher of 500 lines is ~60 KB of JSON; a chart import ~300 KB. Anything larger is not ours. */
    public static final int BODY_BYTES_MAX = 1024 * 1024;
    /**
     * A refused body is read and thrown away up to this size before the 413 is sent: a client still
     * sending when the server closes the connection is answered by a reset, and loses the 413 it
     * should have read (Java's HttpClient and browsers send the whole body before they read).
     * Beyond it the bandwidth is not worth it; the connection is closed unread.
     */
    static final long REFUSED_BODY_DISCARD_BYTES_MAX = 8L * BODY_BYTES_MAX;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /**
     * Safe to repeat, and not to be replayed: a token or a session cookie must not be stored to be
     * sent again, and logging out twice is logging out; a spinner report is telemetry, and a
     * beacon cannot carry the header.
     */
    private static final List<String> NOT_RECORDED = List.of("/api/v1/auth/token", "/login", "/logout", "/telemetry/spinners");
    /** Requests that carry a password, and documents (see {@link Uploads}): recorded by fingerprint only, their body is not kept. */
    private static final List<String> SECRET_BODIES = List.of("/api/v1/users", "/signup");
    /** Posting one voucher: short, the most frequent write of all, and one company's all take its number row; they share commits. */
    private static final Pattern GROUPABLE = Pattern.compile("/api/v1/companies/[0-9]+/vouchers");

    private final KeyedWrites writes;
    private final byte[] fingerprintSecret;

    IdempotencyFilter(KeyedWrites writes, Identity identity) {
        this.writes = writes;
        this.fingerprintSecret = identity.secretFor("idempotency fingerprints");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            chain.doFilter(request, response);
            return;
        }
        boolean upload = Uploads.isUpload(request.getRequestURI());
        int limit = upload ? Uploads.BYTES_MAX : BODY_BYTES_MAX;
        if (request.getContentLengthLong() > limit) {
            discardRefusedBody(request.getInputStream(), request.getContentLengthLong());
            ProblemResponses.write(response, 413, "Payload too large", "the body is " + request.getContentLengthLong() + " bytes; the limit is " + limit);
            return;
        }
        boolean form = isForm(request);
        HttpServletRequest readable = request;
        byte[] body;
        if (form) {
            body = RequestFingerprint.formBody(request);
        } else {
            body = readBounded(request.getInputStream(), limit);
            if (body == null) {
                discardRefusedBody(request.getInputStream(), request.getContentLengthLong());
                ProblemResponses.write(response, 413, "Payload too large", "the body is larger than " + limit + " bytes");
                return;
            }
            readable = new CachedBodyRequest(request, body);
        }

        String path = request.getRequestURI();
        String key = request.getHeader(KEY_HEADER);
        if (key == null && form) key = request.getParameter(KEY_FIELD);
        if (NOT_RECORDED.contains(path) || (key == null && !"POST".equals(method))) {
            chain.doFilter(readable, response);
            return;
        }
        if (key == null) {
            ProblemResponses.write(response, 400, "Idempotency-Key required", "every POST carries an Idempotency-Key header (a new UUID per"
                    + " operation, the same on every retry of it), so that a retry can never post twice");
            return;
        }
        if (!KEY.matcher(key).matches()) {
            ProblemResponses.write(response, 400, "Bad Idempotency-Key", "the Idempotency-Key must be 1 to 255 visible ASCII characters");
            return;
        }
        Object scopeAttribute = request.getAttribute(CallerScope.ATTRIBUTE);
        String scope = scopeAttribute == null ? CallerScope.ANONYMOUS : scopeAttribute.toString();
        Long userId = request.getAttribute(AuthenticationFilter.PRINCIPAL) instanceof Principal principal ? principal.userId() : null;
        Long companyId = request.getAttribute(CompanyAccess.REQUEST_ATTRIBUTE) instanceof CompanyAccess access ? access.companyId() : null;
        byte[] hash = RequestFingerprint.hash(fingerprintSecret, method, path, body);
        byte[] kept = SECRET_BODIES.contains(path) || upload ? new byte[0] : body;
        boolean groupable = companyId != null && "POST".equals(method) && GROUPABLE.matcher(path).matches();
        writes.run(new KeyedWrites.Keyed(scope, key, userId, companyId, hash, path, body, kept, form, groupable), readable, response, chain);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }

    /** Reads what is left of a refused body, unless it says it is larger than is worth reading. */
    private static void discardRefusedBody(InputStream in, long contentLength) {
        if (contentLength > REFUSED_BODY_DISCARD_BYTES_MAX) return;
        try {
            long skipped = 0;
            byte[] scratch = new byte[64 * 1024];
            int read;
            while (skipped < REFUSED_BODY_DISCARD_BYTES_MAX && (read = in.read(scratch)) != -1) skipped += read;
        } catch (IOException clientGone) {
            // nothing to answer then
        }
    }

    /** The whole body, or null when it is larger than the limit (a chunked body has no Content-Length to check). */
    private static byte[] readBounded(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? null : body;
    }
}
