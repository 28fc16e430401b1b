package dk.ledgerline.ops;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.Principal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Where the pages' script sends its spinner reports ({@code navigator.sendBeacon}, so text/plain:
 * a beacon sets no headers). Answers 204 at once whatever it took; nothing here waits for the
 * database, and a malformed report is dropped, never an error a page would have to handle.
 */
@RestController
class SpinnerIntake {
    /** Twenty reports of a few hundred bytes each; anything larger is not from our script. */
    static final int BODY_BYTES_MAX = 16 * 1024;
    static final String PATH = "/telemetry/spinners";

    private final Spinners spinners;
    private final ObjectMapper json;

    SpinnerIntake(Spinners spinners, ObjectMapper json) {
        this.spinners = spinners;
        this.json = json;
    }

    @PostMapping(PATH)
    ResponseEntity<Void> report(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, @RequestBody(required = false) byte[] body) {
        if (body == null || body.length > BODY_BYTES_MAX) return ResponseEntity.noContent().build();
        List<Spinners.Report> reports = new ArrayList<>();
        try {
            JsonNode items = json.readTree(body).path("reports");
            for (JsonNode r : items) {
                if (reports.size() == Spinners.REPORTS_PER_BEACON_MAX) break;
                reports.add(new Spinners.Report(r.path("requestId").asString(null), r.path("page").asString(null), r.path("action").asString(null),
                        r.path("durationMs").asLong(-1), r.path("outcome").asString(null)));
            }
        } catch (JacksonException malformed) {
            return ResponseEntity.noContent().build();
        }
        spinners.accept(principal.userId(), reports);
        return ResponseEntity.noContent().build();
    }
}
