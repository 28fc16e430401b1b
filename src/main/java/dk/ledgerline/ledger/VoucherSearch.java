package dk.ledgerline.ledger;

import java.time.LocalDate;

/**
 * What a bookkeeper looks for among the posted vouchers: a date range and, each when given, words
 * of the voucher's text, an amount on one of its lines (either sign), an account it touches, and
 * its number (in any fiscal year).
 */
public record VoucherSearch(LocalDate from, LocalDate to, String text, Long amount, Integer account, Integer number) {
    /** Longer search text is a paste by mistake; the voucher texts themselves are at most 250 characters. */
    public static final int TEXT_LENGTH_MAX = VoucherDraft.TEXT_LENGTH_MAX;

    public VoucherSearch {
        if (from == null || to == null) throw new IllegalArgumentException("a search has a date range");
        if (text != null && text.isBlank()) text = null;
        if (text != null && text.length() > TEXT_LENGTH_MAX) throw new IllegalArgumentException("search text longer than " + TEXT_LENGTH_MAX);
    }

    /** One page of vouchers, newest first, with the cursors of the older and the newer page next to it (null at either end). */
    public record Results(java.util.List<Voucher> items, String older, String newer) {}
}
