package dk.ledgerline.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ResponseEntity;

/** Files the pages link to: served by web routes, since the API's versions need a bearer token. */
final class Downloads {
    static final String CSV = "text/csv;charset=UTF-8";
    /** Characters a streamed file gathers before it hands them to the connection. */
    static final int STREAM_BUFFER_CHARS = 16 * 1024;

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

    /** Not the servlet's PrintWriter, which swallows a reader's going away: a stream stops when its reader does. */
    static Writer writer(HttpServletResponse response) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), STREAM_BUFFER_CHARS);
    }
}
