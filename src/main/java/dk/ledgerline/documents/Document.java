package dk.ledgerline.documents;

import java.time.Instant;
import java.util.HexFormat;

/** A kept document without its content: what it is, how large, and the SHA-256 that names it (hex). */
public record Document(String sha256, String mediaType, int size, String fileName, Instant uploadedAt) {
    static String hex(byte[] sha256) {
        return HexFormat.of().formatHex(sha256);
    }
}
