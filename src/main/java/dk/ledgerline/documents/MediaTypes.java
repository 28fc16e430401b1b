package dk.ledgerline.documents;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a file is, by its own bytes rather than by what it is called: a PDF begins with "%PDF-" and
 * ends with "%%EOF"; a PNG begins with its signature and ends with the IEND chunk; a JPEG begins
 * with a start-of-image marker and ends with an end-of-image marker. A file that claims one type
 * and is another, or is cut short, is refused.
 */
public final class MediaTypes {
    public static final String PDF = "application/pdf", PNG = "image/png", JPEG = "image/jpeg", XML = "application/xml";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] PNG_END = {'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
    /** A PDF's "%%EOF" may be followed by a line end or a little trailing garbage some writers leave. */
    private static final int PDF_TAIL = 1024;

    private MediaTypes() {}

    /** The type as sent ("application/pdf; name=x.pdf", "image/jpg"), plain and lower case; null when none was sent. */
    public static String plain(String contentType) {
        if (contentType == null || contentType.isBlank()) return null;
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "image/jpg", "image/pjpeg" -> JPEG;
            case "text/xml" -> XML;
            default -> type;
        };
    }

    /** The type the bytes are, among those kept for vouchers; null when they are none of them, or are cut short. */
    public static String sniff(byte[] bytes) {
        if (startsWith(bytes, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            int from = Math.max(0, bytes.length - PDF_TAIL);
            return indexOf(bytes, "%%EOF".getBytes(StandardCharsets.US_ASCII), from) >= 0 ? PDF : null;
        }
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return bytes.length >= PNG_SIGNATURE.length + PNG_END.length
                    && Arrays.equals(Arrays.copyOfRange(bytes, bytes.length - PNG_END.length, bytes.length), PNG_END) ? PNG : null;
        }
        if (bytes.length >= 4 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return (bytes[bytes.length - 2] & 0xFF) == 0xFF && (bytes[bytes.length - 1] & 0xFF) == 0xD9 ? JPEG : null;
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix);
    }

    private static int indexOf(byte[] bytes, byte[] wanted, int from) {
        outer:
        for (int i = from; i <= bytes.length - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) if (bytes[i + j] != wanted[j]) continue outer;
            return i;
        }
        return -1;
    }
}
