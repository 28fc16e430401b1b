package dk.ledgerline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The public API over real HTTP, as an outside client sees it: no shortcut into the app. */
final class LedgerlineClient {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Above the app's own 10 s interactive deadline, so a slow request is ended by the server's answer, not by us. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final String baseUrl;

    LedgerlineClient(URI baseUrl) {
        // HTTP/1.1 as browsers and most integrations speak it to Tomcat; no h2c upgrade attempt on every new connection.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        String url = baseUrl.toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    record Reply(int status, String body, String requestId, String retryAfter, boolean replayed) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " (X-Request-Id " + requestId + ") " + (body.length() > 400 ? body.substring(0, 400) + "…" : body);
        }
    }

    Reply get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET().build());
    }

    /** A write; {@code idempotencyKey} null sends none (only for calls the API does not record, such as getting a token). */
    Reply post(String path, String token, String idempotencyKey, String json) throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) builder.header("Idempotency-Key", idempotencyKey);
        return send(builder.build());
    }

    /** For setup and audit, where any failure ends the run: the answer must be {@code expected}. */
    JsonNode expect(int expected, Reply reply, String what) {
        if (reply.status() != expected) {
            throw new IllegalStateException(what + " answered " + reply + "; expected " + expected);
        }
        return reply.json();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT);
        if (token != null) builder.header("Authorization", "Bearer " + token);
        return builder;
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        var headers = response.headers();
        return new Reply(response.statusCode(), response.body(),
                headers.firstValue("X-Request-Id").orElse("-"),
                headers.firstValue("Retry-After").orElse(null),
                headers.firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false));
    }

    String metrics() throws IOException, InterruptedException {
        Reply reply = get("/actuator/prometheus", null);
        return reply.status() == 200 ? reply.body() : "";
    }
}
