package dk.ledgerline.ops;

import dk.ledgerline.identity.Identity;
import dk.ledgerline.shared.ProblemResponses;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What operators do to a running system, behind {@link OperatorFilter}. Idempotent, so no Idempotency-Key. */
@RestController
@RequestMapping("/ops/v1")
class OperatorApi {
    private final Identity identity;

    OperatorApi(Identity identity) {
        this.identity = identity;
    }

    /** Every session and API token of the user ends, on every node (see {@link Identity#endAllSessionsOf}). */
    @DeleteMapping("/users/{email}/sessions")
    ResponseEntity<?> endAllSessions(@PathVariable String email) {
        if (!identity.endAllSessionsOf(email)) return problem(404, "Not Found", "no user is registered with e-mail " + email);
        return ResponseEntity.noContent().build();
    }

    static ResponseEntity<?> problem(int status, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType(ProblemResponses.CONTENT_TYPE))
                .body(java.util.Map.of("type", "about:blank", "title", title, "status", status, "detail", detail));
    }
}
