package dk.ledgerline.shared;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes an RFC 9457 problem from a filter, before any controller (and its error handling) runs. */
public final class ProblemResponses {
    public static final String CONTENT_TYPE = "application/problem+json";

    private ProblemResponses() {}

    public static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        body(response, "{\"type\":\"about:blank\",\"title\":" + json(title) + ",\"status\":" + status
                + ",\"detail\":" + json(detail) + "}");
    }

    /**
     * The same refusal for a browser, also from a filter: a short Danish page with a heading and one
     * paragraph ({@code paragraph} is text, escaped here). The web request layer shows its own state
     * for the status; a browser without it shows this.
     */
    public static void writePage(HttpServletResponse response, int status, String title, String heading, String paragraph) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        body(response, "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>" + html(title) + "</title></head>"
                + "<body><main><h1>" + html(heading) + "</h1><p>" + html(paragraph) + "</p></main></body></html>");
    }

    /**
     * Through whichever of stream or writer the response allows: a request that failed after its
     * handler took the output stream (a recorded answer, a streamed body) has had its buffer reset,
     * but the servlet container refuses the writer to it for the rest of the request.
     */
    private static void body(HttpServletResponse response, String text) throws IOException {
        try {
            response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException writerTaken) {
            response.getWriter().write(text);
        }
    }

    private static String html(String text) {
        return org.springframework.web.util.HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
