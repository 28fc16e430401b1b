package dk.ledgerline.admission.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.ObjectMapper;

/**
 * What makes two requests "the same" for idempotency: method, path and body. The fingerprint is an
 * HMAC under a server secret, not a plain hash: a body may hold a password, and a plain hash of it
 * in the database could be guessed offline.
 */
public final class RequestFingerprint {
    private RequestFingerprint() {}

    public static byte[] hash(byte[] secret, String method, String path, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
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
