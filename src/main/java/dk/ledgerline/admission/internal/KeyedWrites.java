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
 * Runs one keyed write as one unit of work: run the handler, record the key with its answer as the
 * unit's last write, commit — all or nothing, and all again when the database fails over in the
 * middle. The key is recorded once, at the end, so a posting costs one insert for it and no round
 * trip before its own work. A request whose key another request recorded first (a retry, also of a
 * commit whose answer was lost, or a duplicate racing the first) finds that record when it tries to
 * write its own: its own writes are rolled back and it answers the first answer, or 422 when the
 * first was a different request. A duplicate whose first has recorded but not yet committed waits
 * for that commit on the key; past the lock timeout, 409.
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
            proceed.get();
            if (recorded.getStatus() >= 400) {
                units.discard();
                return new Answered();
            }
            return record(keyed, recorded, sessionStartedFor(request)).orElseGet(Answered::new);
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
            Optional<Outcome> first = record(keyed, recorded, null);
            return first.isEmpty() || first.get() instanceof InFlight ? new Answered() : first.get();
        });
    }

    /**
     * Records the key with this run's answer, or says what to answer instead because another request
     * has the key: its answer again, a mismatch, or in flight when that request did not commit within
     * the lock timeout. Then nothing of this run may stay (the failed wait also leaves the unit
     * unusable), so the unit is given up.
     */
    private Optional<Outcome> record(Keyed keyed, RecordedResponse recorded, Long sessionUserId) {
        Optional<Outcome> instead = answerInstead(keyed, recorded, sessionUserId);
        if (instead.isPresent()) units.discard();
        return instead;
    }

    private Optional<Outcome> answerInstead(Keyed keyed, RecordedResponse recorded, Long sessionUserId) {
        try {
            if (store.record(keyed.scope(), keyed.key(), keyed.userId(), keyed.companyId(), keyed.requestHash(), keyed.path(), keyed.keptBody(),
                    recorded.getStatus(), recorded.getContentType(), recorded.getHeader("Location"), sessionUserId, recorded.getContentAsByteArray(),
                    clock.instant())) {
                return Optional.empty();
            }
        } catch (CannotAcquireLockException | UncategorizedSQLException stillRunning) {
            if (!TransientFailures.isLockTimeout(stillRunning)) throw stillRunning;
            return Optional.of(new InFlight());
        }
        Optional<Stored> first = store.find(keyed.scope(), keyed.key());
        if (first.isEmpty()) return Optional.of(new InFlight()); // forgotten by the sweep just now: as good as in flight
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
}
