package dk.ledgerline.ledger;

import dk.ledgerline.vat.VatAccounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The entries a valid draft must be posted as, worked out by the test from the rules the API
 * documents, not from posting's code: VAT split out of gross amounts or added to net reverse-charge
 * amounts, each part converted to DKK half-up to the øre, the rounding residue of a foreign
 * voucher on its largest non-VAT entry, and a part that comes to 0.00 DKK left out.
 */
final class DraftEntries {
    /** Every Danish VAT code Ledgerline knows is 25 % or exempt. */
    static final int VAT_PERCENT = 25;

    enum Booking { GROSS_SALES, GROSS_PURCHASE, REVERSE_CHARGE_GOODS, REVERSE_CHARGE_SERVICES, BOX_ONLY }

    static final Map<String, Booking> BOOKINGS = Map.of(
            "U25", Booking.GROSS_SALES, "I25", Booking.GROSS_PURCHASE,
            "EUV", Booking.REVERSE_CHARGE_GOODS, "EUY", Booking.REVERSE_CHARGE_SERVICES, "UDY", Booking.REVERSE_CHARGE_SERVICES,
            "EUSV", Booking.BOX_ONLY, "EUSVN", Booking.BOX_ONLY, "EUSY", Booking.BOX_ONLY, "EKS", Booking.BOX_ONLY, "FRI", Booking.BOX_ONLY);

    private record Part(int account, long amount, String vatCode, boolean vat, String text) {}

    private DraftEntries() {}

    static List<Entry> of(VoucherDraft draft, VatAccounts accounts) {
        List<Part> parts = new ArrayList<>();
        for (VoucherDraft.Line line : draft.lines()) {
            String text = line.text() == null ? "" : line.text();
            String code = line.vatCode() == null || line.vatCode().isBlank() ? null : line.vatCode();
            long amount = line.amount();
            Booking booking = code == null ? Booking.BOX_ONLY : BOOKINGS.get(code);
            switch (booking) {
                case BOX_ONLY -> parts.add(new Part(line.account(), amount, code, false, text));
                case GROSS_SALES, GROSS_PURCHASE -> {
                    long vat = halfUp(amount * VAT_PERCENT, 100 + VAT_PERCENT);
                    parts.add(new Part(line.account(), amount - vat, code, false, text));
                    parts.add(new Part(booking == Booking.GROSS_SALES ? accounts.salesVat() : accounts.purchaseVat(), vat, code, true, text));
                }
                case REVERSE_CHARGE_GOODS, REVERSE_CHARGE_SERVICES -> {
                    long vat = halfUp(amount * VAT_PERCENT, 100);
                    parts.add(new Part(line.account(), amount, code, false, text));
                    parts.add(new Part(booking == Booking.REVERSE_CHARGE_GOODS ? accounts.goodsAbroadVat() : accounts.servicesAbroadVat(), -vat, code, true, text));
                    parts.add(new Part(accounts.purchaseVat(), vat, code, true, text));
                }
            }
        }
        boolean foreign = !VoucherDraft.HOME_CURRENCY.equals(draft.currency());
        long[] kroner = new long[parts.size()];
        long residue = 0;
        int largest = -1;
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            kroner[i] = foreign ? BigDecimal.valueOf(part.amount()).multiply(draft.exchangeRate()).setScale(0, RoundingMode.HALF_UP).longValueExact() : part.amount();
            residue += kroner[i];
            if (!part.vat() && (largest < 0 || Math.abs(part.amount()) > Math.abs(parts.get(largest).amount()))) largest = i;
        }
        kroner[largest] -= residue;
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (kroner[i] == 0) continue;
            entries.add(new Entry(entries.size() + 1, part.account(), kroner[i], foreign ? part.amount() : null, part.vatCode(), part.text()));
        }
        return entries;
    }

    /** numerator / denominator rounded to the nearest, halves away from zero (half-up on the amount, sign kept). */
    static long halfUp(long numerator, long denominator) {
        return Long.signum(numerator) * ((Math.abs(numerator) * 2 + denominator) / (2 * denominator));
    }

    /** The entries of a reversal: every entry of the original with its amounts negated, in the same order. */
    static List<Entry> mirrored(List<Entry> original) {
        return original.stream()
                .map(e -> new Entry(e.line(), e.account(), -e.amount(), e.currencyAmount() == null ? null : -e.currencyAmount(), e.vatCode(), e.text()))
                .toList();
    }
}
