package dk.ledgerline.admission.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The response of a keyed write, held back until its unit of work has committed (or been given up),
 * so that a unit run again starts from the response as it was before the first run: the headers
 * earlier steps set (request id, a renewed session) stay, whatever the handler wrote is gone.
 */
final class RecordedResponse extends ContentCachingResponseWrapper {
    private record Header(String name, String value) {}

    private final List<Header> before = new ArrayList<>();
    private boolean ran;

    RecordedResponse(HttpServletResponse response) {
        super(response);
        for (String name : response.getHeaderNames()) {
            for (String value : response.getHeaders(name)) before.add(new Header(name, value));
        }
    }

    /** Called at the start of every run of the unit. */
    void startRun() {
        if (ran) {
            reset();
            HttpServletResponse response = (HttpServletResponse) getResponse();
            for (Header header : before) response.addHeader(header.name(), header.value());
        }
        ran = true;
    }
}
