package dk.ledgerline.identity.internal;

import dk.ledgerline.identity.Principal;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens that carry their own proof: {@code payload.signature}, HMAC-SHA256 over the payload.
 * Checking one needs no database, so a database failover or an app restart logs nobody out;
 * every node that shares the key accepts every other node's tokens.
 */
public final class TokenSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "v2";
    /** Tokens from before issue times were signed in; still accepted until they expire. */
    private static final String VERSION_WITHOUT_ISSUE_TIME = "v1";
    /** A v1 token's issue time is not in it: taken as early as any token could have been issued, so any ended session ends it. */
    private static final Duration LONGEST_LIFETIME = Duration.ofHours(24);
    /** Anything longer is not ours; refuse before doing any work on it. */
    private static final int TOKEN_LENGTH_MAX = 512;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public TokenSigner(byte[] key) {
        if (key.length < 32) throw new IllegalArgumentException("the signing key must be at least 32 bytes (256 bits); was " + key.length);
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** A token of a new session, with an id of its own. */
    public String issue(long userId, Instant issuedAt, Instant expiresAt) {
        byte[] nonce = new byte[9];
        random.nextBytes(nonce);
        return issue(userId, issuedAt, expiresAt, Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
    }

    /** A token of session {@code sessionId}: a renewed browser session keeps its id, so logging out ends every token of it. */
    public String issue(long userId, Instant issuedAt, Instant expiresAt, String sessionId) {
        if (!sessionId.matches("[A-Za-z0-9_-]{1,32}")) throw new IllegalArgumentException("a session id is 1 to 32 base64url characters");
        String payload = VERSION + "." + userId + "." + issuedAt.toEpochMilli() + "." + expiresAt.getEpochSecond() + "." + sessionId;
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + sign(encoded);
    }

    public Optional<Principal> verify(String token, Instant now) {
        if (token == null || token.length() > TOKEN_LENGTH_MAX) return Optional.empty();
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) return Optional.empty();
        String encoded = token.substring(0, dot);
        String signature = token.substring(dot + 1);
        if (!MessageDigest.isEqual(sign(encoded).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\.");
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Principal principal;
        if (parts.length == 5 && VERSION.equals(parts[0])) {
            principal = new Principal(Long.parseLong(parts[1]), Instant.ofEpochMilli(Long.parseLong(parts[2])),
                    Instant.ofEpochSecond(Long.parseLong(parts[3])), parts[4]);
        } else if (parts.length == 4 && VERSION_WITHOUT_ISSUE_TIME.equals(parts[0])) {
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            principal = new Principal(Long.parseLong(parts[1]), expiresAt.minus(LONGEST_LIFETIME), expiresAt, parts[3]);
        } else {
            return Optional.empty();
        }
        if (!now.isBefore(principal.expiresAt())) return Optional.empty();
        return Optional.of(principal);
    }

    /**
     * A key for another purpose, derived from the signing key (HMAC of the purpose), so that every
     * node that shares the signing key derives the same one and no key serves two purposes.
     */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(("ledgerline derived key: " + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        }
    }

    private String sign(String encodedPayload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(encodedPayload.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        }
    }
}
