package dk.ledgerline.ops;

import dk.ledgerline.identity.Identity;
import dk.ledgerline.shared.Maintenance;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemResponses;
import dk.ledgerline.shared.ReadOnly;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What operators do to a running system, behind {@link OperatorFilter}. Idempotent, so no Idempotency-Key. */
@RestController
@RequestMapping("/ops/v1")
class OperatorApi {
    private final Identity identity;
    private final Maintenance maintenance;
    private final ReadOnly readOnly;

    OperatorApi(Identity identity, Maintenance maintenance, ReadOnly readOnly) {
        this.identity = identity;
        this.maintenance = maintenance;
        this.readOnly = readOnly;
    }

    record ReadOnlyRequest(String reason) {}

    /** The switch, what the node sees, and what users are told if writes are refused right now. */
    record ReadOnlyState(String plannedReason, boolean readingFromStandby, boolean refusingWrites, String refusal) {}

    @GetMapping("/read-only")
    ReadOnlyState readOnly() {
        return state();
    }

    /** Every node refuses writes with {@code reason} until the switch is turned off; reading and logging in go on. */
    @PutMapping("/read-only")
    ReadOnlyState readOnlyOn(@RequestBody ReadOnlyRequest body) {
        maintenance.readOnly(body.reason() == null ? "" : body.reason().trim());
        return state();
    }

    @DeleteMapping("/read-only")
    ReadOnlyState readOnlyOff() {
        maintenance.readOnly(null);
        return state();
    }

    private ReadOnlyState state() {
        var refusal = readOnly.reason();
        return new ReadOnlyState(maintenance.readOnlyReason().orElse(null), readOnly.readsFromStandby(), refusal.isPresent(),
                refusal.map(ReadOnly.Reason::detail).orElse(null));
    }

    /** Every session and API token of the user ends, on every node (see {@link Identity#endAllSessionsOf}). */
    @DeleteMapping("/users/{email}/sessions")
    ResponseEntity<?> endAllSessions(@PathVariable String email) {
        if (!identity.endAllSessionsOf(email)) return problem(404, "Not Found", "no user is registered with e-mail " + email);
        return ResponseEntity.noContent().build();
    }

    /** The user may open the operators' pages (spinner telemetry) once logged in. */
    @PutMapping("/platform-operators/{email}")
    ResponseEntity<?> grantOperator(@PathVariable String email) {
        if (!identity.setPlatformOperator(email, true)) return problem(404, "Not Found", "no user is registered with e-mail " + email);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/platform-operators/{email}")
    ResponseEntity<?> revokeOperator(@PathVariable String email) {
        if (!identity.setPlatformOperator(email, false)) return problem(404, "Not Found", "no user is registered with e-mail " + email);
        return ResponseEntity.noContent().build();
    }

    /** The API's advice covers its own package only: the operators' problems are answered here. */
    @ExceptionHandler(ProblemException.class)
    ResponseEntity<?> problem(ProblemException e) {
        return problem(e.status(), e.title(), e.detail() + e.errors().stream().map(f -> "; " + f.field() + ": " + f.message()).collect(java.util.stream.Collectors.joining()));
    }

    static ResponseEntity<?> problem(int status, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType(ProblemResponses.CONTENT_TYPE))
                .body(java.util.Map.of("type", "about:blank", "title", title, "status", status, "detail", detail));
    }
}
