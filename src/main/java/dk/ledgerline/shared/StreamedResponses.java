package dk.ledgerline.shared;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Files written straight to the response as they are made (exports, long downloads), in the memory of a page. */
public final class StreamedResponses {
    /** Characters a stream gathers before it hands them to the connection: a few vouchers' worth per write. */
    static final int BUFFER_CHARS = 16 * 1024;

    private StreamedResponses() {}

    /** Not the servlet's PrintWriter, which swallows a reader's going away: a stream stops when its reader does. */
    public static Writer writer(HttpServletResponse response) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), BUFFER_CHARS);
    }
}
