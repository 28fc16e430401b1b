package dk.ledgerline.shared;

import java.util.regex.Pattern;

/**
 * Documents sent as a request's body (a voucher's PDF, a scanned receipt, an e-invoice): larger than
 * any other write is allowed to be, and recorded for replay by fingerprint only, never kept twice.
 */
public final class Uploads {
    /** The largest document Ledgerline keeps: a scanned multi-page invoice is 1–3 MB; 10 MB leaves room without inviting video. */
    public static final int BYTES_MAX = 10 * 1024 * 1024;
    /** The paths that take a document as their body, in the API and in the pages. */
    public static final Pattern PATHS = Pattern.compile("(/api/v1)?/companies/[0-9]+/(vouchers/([0-9]+/)?[0-9]+/documents|supplier-invoices/intake)");

    private Uploads() {}

    public static boolean isUpload(String path) {
        return PATHS.matcher(path).matches();
    }
}
