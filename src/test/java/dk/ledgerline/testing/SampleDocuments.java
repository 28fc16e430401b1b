package dk.ledgerline.testing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** The smallest whole files of the kinds a voucher keeps: a PDF and a one-pixel PNG. */
public final class SampleDocuments {
    public static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    public static final byte[] PNG = HexFormat.of().parseHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            + "1f15c4890000000d49444154789c6360000000000500010d0a2db40000000049454e44ae426082");

    private SampleDocuments() {}
}
