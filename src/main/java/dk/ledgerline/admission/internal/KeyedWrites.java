package dk.ledgerline.admission.internal;

import dk.ledgerline.admission.internal.IdempotencyStore.Stored;
import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.shared.ProblemResponses;
import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.shared.UnitOfWork;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import dk.ledgerline.shared.TransientFailures;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs one keyed write as one unit of work: claim the key by inserting its record (or find the
 * first answer), run the handler, complete the record with its answer, commit — all or nothing,
 * and all again when the database fails over in the middle (the claim finds a record committed
 * before the answer was lost, so a run after a lost commit replays it). A retry arriving while the
 * first still runs waits for it on the record's key and gets its answer; past the lock timeout, 409.
 *
 * <p>A 4xx answer is the request's own failure: whatever the handler wrote is rolled back, and
 * the answer is recorded in a unit of its own, so a retry gets the same answer. A 5xx answer is
 * ours: nothing is kept, and a retry runs afresh.
 */
@Component
public class KeyedWrites {
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final IdempotencyStore store;
    private final TenantTransactions tenants;
    private final UnitOfWork units;
    private final Identity identity;
    private final ObjectMapper json;
    private final Clock clock;

    KeyedWrites(IdempotencyStore store, TenantTransactions tenants, UnitOfWork units, Identity identity, ObjectMapper json, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.units = units;
        this.identity = identity;
        this.json = json;
        this.clock = clock;
    }

    /**
     * One keyed request: who asks (user and company, either may be null), its key, what identifies
     * its content, the body as sent (for naming differences) and as kept (nothing for secrets).
     */
    public record Keyed(String scope, String key, Long userId, Long companyId, byte[] requestHash, String path,
                        byte[] body, byte[] keptBody, boolean form, boolean groupable) {
        public Keyed {
            if (groupable && companyId == null) throw new IllegalArgumentException("only a company's writes share a group commit: its company is its lane");
        }
    }

    private sealed interface Outcome {}

    private record Answered() implements Outcome {}

    private record Replay(Stored first) implements Outcome {}

    private record Mismatch(Stored first) implements Outcome {}

    private record InFlight() implements Outcome {}

    public void run(Keyed keyed, HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        RecordedResponse recorded = new RecordedResponse(response);
        Outcome outcome = Chains.within(proceed -> unit(keyed, () -> {
            recorded.startRun();
            tenants.bindCaller(keyed.userId(), keyed.companyId());
            Optional<Outcome> answered = claim(keyed);
            if (answered.isPresent()) return answered.get();
            proceed.get();
            if (recorded.getStatus() >= 400) units.discard();
            else complete(keyed, recorded, sessionStartedFor(request));
            return new Answered();
        }), chain, request, recorded);
        int status = recorded.getStatus();
        if (outcome instanceof Answered && status >= 400 && status < 500) outcome = recordRejection(keyed, recorded);
        switch (outcome) {
            case Answered answered -> recorded.copyBodyToResponse();
            case Replay replay -> replay(replay.first(), request, response);
            case Mismatch mismatch -> ProblemResponses.write(response, 422, "Idempotency-Key reused", "Idempotency-Key " + keyed.key()
                    + " was first used for a different request; it differs in " + difference(mismatch.first(), keyed)
                    + ". Use a new key for a new request");
            case InFlight inFlight -> ProblemResponses.write(response, 409, "Request in flight", "a request with Idempotency-Key "
                    + keyed.key() + " is still being processed; retry after it finishes");
        }
    }

    /** Short, frequent writes of a company may share their commit with others of the same company (see {@link UnitOfWork#writeIdempotentGrouped}). */
    private <T> T unit(Keyed keyed, java.util.function.Supplier<T> work) {
        return keyed.groupable() ? units.writeIdempotentGrouped(keyed.companyId(), work) : units.writeIdempotent(work);
    }

    /**
     * Records a 4xx answer after its unit was rolled back. The key's lock was let go in between: if a
     * retry of the same request ran meanwhile and recorded its answer, that answer is the one to give.
     */
    private Outcome recordRejection(Keyed keyed, RecordedResponse recorded) {
        return units.writeIdempotent(() -> {
            tenants.bindCaller(keyed.userId(), keyed.companyId());
            Optional<Outcome> answered = claim(keyed);
            if (answered.isPresent()) return answered.get() instanceof InFlight ? new Answered() : answered.get();
            complete(keyed, recorded, null);
            return new Answered();
        });
    }

    /**
     * Claims the key, or says what to answer instead: the first answer again, a mismatch, or in
     * flight when the request holding the key did not finish within the lock timeout (the failed
     * wait leaves the unit unusable, so it is given up).
     */
    private Optional<Outcome> claim(Keyed keyed) {
        try {
            if (store.claim(keyed.scope(), keyed.key(), keyed.userId(), keyed.companyId(), keyed.requestHash(), keyed.path(), keyed.keptBody(), clock.instant())) {
                return Optional.empty();
            }
        } catch (CannotAcquireLockException | UncategorizedSQLException stillRunning) {
            if (!TransientFailures.isLockTimeout(stillRunning)) throw stillRunning;
            units.discard();
            return Optional.of(new InFlight());
        }
        Optional<Stored> first = store.find(keyed.scope(), keyed.key());
        if (first.isEmpty()) return Optional.of(new InFlight()); // forgotten by the sweep just now: as good as in flight
        // Claimed but not completed: only this transaction can see that, when a retry joined the first's group commit.
        if (first.get().status() == IdempotencyStore.CLAIMED) return Optional.of(new InFlight());
        return Optional.of(Arrays.equals(first.get().requestHash(), keyed.requestHash()) ? new Replay(first.get()) : new Mismatch(first.get()));
    }

    /** The first answer again. A sign-up's answer started a session; its replay starts a new one, as no token is ever stored. */
    private void replay(Stored first, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(first.status());
        if (first.contentType() != null) response.setContentType(first.contentType());
        if (first.location() != null) response.setHeader("Location", first.location());
        if (first.sessionUserId() != null) {
            AuthenticationFilter.setSessionCookie(response, identity.startSession(first.sessionUserId()).token(), request.isSecure());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        response.getOutputStream().write(first.body());
    }

    private String difference(Stored first, Keyed keyed) {
        if (!first.requestPath().equals(keyed.path())) return "its path (" + first.requestPath() + ", now " + keyed.path() + ")";
        if (keyed.form() || first.requestBody().length == 0) return "its body";
        List<String> fields = RequestFingerprint.differingFields(json, first.requestBody(), keyed.body());
        return fields.isEmpty() ? "its method" : String.join(", ", fields);
    }

    private static Long sessionStartedFor(HttpServletRequest request) {
        return request.getAttribute(AuthenticationFilter.SESSION_STARTED_FOR) instanceof Long userId ? userId : null;
    }

    private void complete(Keyed keyed, RecordedResponse recorded, Long sessionUserId) {
        store.complete(keyed.scope(), keyed.key(), recorded.getStatus(), recorded.getContentType(), recorded.getHeader("Location"),
                sessionUserId, recorded.getContentAsByteArray());
    }
}
