package dk.ledgerline.ledger.internal;

import dk.ledgerline.ledger.internal.LedgerStore.VoucherPosition;
import dk.ledgerline.shared.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;

/** Opaque keyset cursors: the position of the last item of a page, base64url-encoded. */
public final class VoucherCursor {
    private VoucherCursor() {}

    public record StatementPosition(VoucherPosition voucher, int line) {}

    public static String encode(VoucherPosition p) {
        return encodeText(p.date() + "|" + p.fiscalYearStart() + "|" + p.number());
    }

    public static VoucherPosition decode(String cursor) {
        String[] parts = decodeText(cursor, 3);
        try {
            return new VoucherPosition(LocalDate.parse(parts[0]), LocalDate.parse(parts[1]), Integer.parseInt(parts[2]));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    public static String encodeStatement(StatementPosition p) {
        return encodeText(p.voucher().date() + "|" + p.voucher().fiscalYearStart() + "|" + p.voucher().number() + "|" + p.line());
    }

    public static StatementPosition decodeStatement(String cursor) {
        String[] parts = decodeText(cursor, 4);
        try {
            return new StatementPosition(new VoucherPosition(LocalDate.parse(parts[0]), LocalDate.parse(parts[1]), Integer.parseInt(parts[2])),
                    Integer.parseInt(parts[3]));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static String encodeText(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decodeText(String cursor, int parts) {
        try {
            String[] split = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (split.length != parts) throw invalid();
            return split;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return ProblemException.badRequest("cursor is not one this API handed out; start again without it");
    }
}
