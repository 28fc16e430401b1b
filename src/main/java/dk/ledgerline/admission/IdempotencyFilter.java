package dk.ledgerline.admission;

import dk.ledgerline.admission.internal.CachedBodyRequest;
import dk.ledgerline.admission.internal.IdempotencyStore;
import dk.ledgerline.admission.internal.IdempotencyStore.Stored;
import dk.ledgerline.admission.internal.RequestFingerprint;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.shared.CallerScope;
import dk.ledgerline.shared.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.ObjectMapper;

/**
 * Makes writes safe to retry. A write with an {@code Idempotency-Key} runs in one transaction
 * together with the record of its response: the voucher and the record commit together or not at
 * all. A retry with the same key and request gets the first response again; with a different
 * request, 422 naming what differs; while the first is still running, 409.
 *
 * <p>It also bounds every write's body, since it is the first step to read it.
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter {
    public static final String KEY_HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** A voucher of 500 lines is ~60 KB of JSON; a chart import ~300 KB. Anything larger is not ours. */
    public static final int BODY_BYTES_MAX = 1024 * 1024;
    /** Longer than a posting takes, shorter than the request's deadline. */
    static final java.time.Duration FORM_LOCK_WAIT = java.time.Duration.ofSeconds(5);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** Issuing a token is safe to repeat, and a token must not be stored to be replayed. */
    private static final List<String> NOT_RECORDED = List.of("/api/v1/auth/token", "/login");
    /** Requests that carry a password: recorded by fingerprint only, their body is not kept. */
    private static final List<String> SECRET_BODIES = List.of("/api/v1/users", "/signup");

    private final IdempotencyStore store;
    private final byte[] fingerprintSecret;
    private final PlatformTransactionManager transactions;
    private final ObjectMapper json;
    private final Clock clock;

    IdempotencyFilter(IdempotencyStore store, Identity identity, PlatformTransactionManager transactions, ObjectMapper json, Clock clock) {
        this.store = store;
        this.fingerprintSecret = identity.secretFor("idempotency fingerprints");
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > BODY_BYTES_MAX) {
            ProblemResponses.write(response, 413, "Payload too large", "the body is " + request.getContentLengthLong() + " bytes; the limit is " + BODY_BYTES_MAX);
            return;
        }
        boolean form = isForm(request);
        HttpServletRequest readable = request;
        byte[] body;
        if (form) {
            body = RequestFingerprint.formBody(request);
        } else {
            body = readBounded(request.getInputStream());
            if (body == null) {
                ProblemResponses.write(response, 413, "Payload too large", "the body is larger than " + BODY_BYTES_MAX + " bytes");
                return;
            }
            readable = new CachedBodyRequest(request, body);
        }

        String key = request.getHeader(KEY_HEADER);
        if (key == null && form) key = request.getParameter("idempotencyKey");
        String path = request.getRequestURI();
        if (key == null || NOT_RECORDED.contains(path)) {
            chain.doFilter(readable, response);
            return;
        }
        if (!KEY.matcher(key).matches()) {
            ProblemResponses.write(response, 400, "Bad Idempotency-Key", "the Idempotency-Key must be 1 to 255 visible ASCII characters");
            return;
        }
        Object scopeAttribute = request.getAttribute(CallerScope.ATTRIBUTE);
        String scope = scopeAttribute == null ? CallerScope.ANONYMOUS : scopeAttribute.toString();
        byte[] hash = RequestFingerprint.hash(fingerprintSecret, method, path, body);
        byte[] kept = SECRET_BODIES.contains(path) ? new byte[0] : body;

        TransactionStatus transaction = transactions.getTransaction(new DefaultTransactionDefinition());
        boolean completed = false;
        try {
            // A browser's second click must not show the user a 409: a form post waits for the first
            // to finish and then gets its answer. An API client is told at once and retries itself.
            boolean locked = form ? store.lock(scope, key, FORM_LOCK_WAIT) : store.tryLock(scope, key);
            if (!locked) {
                ProblemResponses.write(response, 409, "Request in flight", "a request with Idempotency-Key " + key + " is still being processed; retry after it finishes");
                return;
            }
            Optional<Stored> first = store.find(scope, key);
            if (first.isPresent()) {
                if (Arrays.equals(first.get().requestHash(), hash)) {
                    replay(first.get(), response);
                } else {
                    ProblemResponses.write(response, 422, "Idempotency-Key reused", "Idempotency-Key " + key
                            + " was first used for a different request; it differs in " + difference(first.get(), path, body, form)
                            + ". Use a new key for a new request");
                }
                return;
            }
            Object savepoint = transaction.createSavepoint();
            ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
            chain.doFilter(readable, recorded);
            int status = recorded.getStatus();
            if (status >= 500) {
                // Our failure, not the request's: keep nothing, so a retry runs afresh.
                transactions.rollback(transaction);
                completed = true;
                recorded.copyBodyToResponse();
                return;
            }
            if (status >= 400) {
                // The request's own failure: undo its partial work, but remember the answer.
                transaction.rollbackToSavepoint(savepoint);
            }
            transaction.releaseSavepoint(savepoint);
            store.save(scope, key, new Stored(hash, path, kept, status, recorded.getContentType(), recorded.getHeader("Location"),
                    recorded.getContentAsByteArray()), clock.instant());
            transactions.commit(transaction);
            completed = true;
            recorded.copyBodyToResponse();
        } finally {
            if (!completed && !transaction.isCompleted()) transactions.rollback(transaction);
        }
    }

    private void replay(Stored first, HttpServletResponse response) throws IOException {
        response.setStatus(first.status());
        if (first.contentType() != null) response.setContentType(first.contentType());
        if (first.location() != null) response.setHeader("Location", first.location());
        response.setHeader(REPLAYED_HEADER, "true");
        response.getOutputStream().write(first.body());
    }

    private String difference(Stored first, String path, byte[] body, boolean form) {
        if (!first.requestPath().equals(path)) return "its path (" + first.requestPath() + ", now " + path + ")";
        if (form || first.requestBody().length == 0) return "its body";
        List<String> fields = RequestFingerprint.differingFields(json, first.requestBody(), body);
        return fields.isEmpty() ? "its method" : String.join(", ", fields);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }

    /** The whole body, or null when it is larger than the limit (a chunked body has no Content-Length to check). */
    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] body = in.readNBytes(BODY_BYTES_MAX + 1);
        return body.length > BODY_BYTES_MAX ? null : body;
    }
}
