package dk.ledgerline.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;

/** Files the pages link to: served by web routes, since the API's versions need a bearer token. */
final class Downloads {
    static final String CSV = "text/csv;charset=UTF-8";

    private Downloads() {}

    static ResponseEntity<String> csv(String fileName, String body) {
        return ResponseEntity.ok()
                .header("Content-Type", CSV)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .body(body);
    }

    /** The headers of a CSV file written straight to the response. */
    static void startCsv(HttpServletResponse response, String fileName) {
        response.setContentType(CSV);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }
}
