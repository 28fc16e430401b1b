package dk.ledgerline.admission.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.ObjectMapper;

/** What makes two requests "the same" for idempotency: method, path and body. */
public final class RequestFingerprint {
    private RequestFingerprint() {}

    public static byte[] hash(String method, String path, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A form's fields in a stable order (the idempotency key itself left out), standing in for its body. */
    public static byte[] formBody(HttpServletRequest request) {
        StringBuilder out = new StringBuilder();
        Map<String, String[]> sorted = new TreeMap<>(request.getParameterMap());
        sorted.remove("idempotencyKey");
        sorted.forEach((name, values) -> {
            for (String value : values) out.append(name).append('=').append(value).append('\n');
        });
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static List<String> differingFields(ObjectMapper json, byte[] first, byte[] retry) {
        return RequestDifference.fields(json, first, retry);
    }
}
