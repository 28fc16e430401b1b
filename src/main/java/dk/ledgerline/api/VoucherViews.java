package dk.ledgerline.api;

import dk.ledgerline.ledger.Entry;
import dk.ledgerline.ledger.PostingOutcome;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.ledger.VoucherRef;
import dk.ledgerline.shared.Amounts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Vouchers as the API shows them: amounts as decimal strings, positive debit, negative credit. */
final class VoucherViews {
    private VoucherViews() {}

    record EntryView(int line, int account, String amount, String vatCode, String text, String currencyAmount) {
        static EntryView of(Entry e) {
            return new EntryView(e.line(), e.account(), Amounts.format(e.amount()), e.vatCode(), e.text(),
                    e.currencyAmount() == null ? null : Amounts.format(e.currencyAmount()));
        }
    }

    record VoucherView(int number, int fiscalYear, LocalDate date, String text, String currency, String exchangeRate, String source,
                       Instant registeredAt, long registeredBy, VoucherRef reverses, VoucherRef reversedBy, List<EntryView> entries) {
        static VoucherView of(Voucher v) {
            return new VoucherView(v.number(), v.fiscalYear(), v.date(), v.text(), v.currency(),
                    v.exchangeRate() == null ? null : v.exchangeRate().stripTrailingZeros().toPlainString(), v.source(),
                    v.registeredAt(), v.registeredBy(), v.reverses(), v.reversedBy(), v.entries().stream().map(EntryView::of).toList());
        }
    }

    static List<Voucher> postedOrThrow(PostingOutcome outcome, String what) {
        return outcome.postedOrThrow(what + " was not posted; nothing was stored");
    }
}
