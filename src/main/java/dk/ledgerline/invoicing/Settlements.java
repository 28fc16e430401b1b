package dk.ledgerline.invoicing;

import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.ledger.Entry;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.ProblemException.Message;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** What paying an invoice and ageing open invoices have in common, sales or purchases. */
final class Settlements {
    private Settlements() {}

    /**
     * Posts a payment of {@code amount} on an invoice with {@code open} left: of the same sign and no
     * more; bank against {@code counterAccount} (debtors or creditors), the bank debited when money
     * comes in ({@code incoming}) and credited when it goes out.
     */
    static Voucher post(Ledger ledger, long companyId, long userId, LocalDate paidOn, long amount, long open, Integer bankAccount,
                        int counterAccount, boolean incoming, String text, String source) {
        if (amount == 0 || Long.signum(amount) != Long.signum(open) || Math.abs(amount) > Math.abs(open)) {
            throw ProblemException.unprocessable(Message.of("payment.notRegistered"),
                    List.of(FieldError.of("amount", "payment.moreThanOpen", Message.money(open))));
        }
        int bank = bankAccount == null ? Receivables.BANK_ACCOUNT_DEFAULT : bankAccount;
        var account = ledger.account(companyId, bank);
        if (account.isEmpty() || account.get().type() != AccountType.ASSET) {
            throw ProblemException.unprocessable(Message.of("payment.notRegistered"), List.of(FieldError.of("bankAccount", "payment.bankAccount", bank)));
        }
        long toBank = incoming ? amount : -amount;
        return ledger.postEntries(companyId, userId, paidOn, text,
                        List.of(new Entry(0, bank, toBank, null, null, text), new Entry(0, counterAccount, -toBank, null, null, text)), source)
                .postedOrThrow(Message.of("payment.notRegistered")).getFirst();
    }

    /** Open items by age at {@code day}: each item with what is open, days late and age; the sums per age and in all. */
    record Aged<T, R>(List<R> items, Map<Receivables.Age, Long> byAge, long total) {}

    interface Item<T, R> {
        R of(T invoice, long open, long daysLate, Receivables.Age age);
    }

    static <T, R> Aged<T, R> age(List<T> invoices, LocalDate day, Function<T, LocalDate> due, ToLongFunction<T> open, Item<T, R> item) {
        Map<Receivables.Age, Long> byAge = new EnumMap<>(Receivables.Age.class);
        for (Receivables.Age age : Receivables.Age.values()) byAge.put(age, 0L);
        long total = 0;
        List<R> items = new java.util.ArrayList<>();
        for (T invoice : invoices) {
            Receivables.Age age = Receivables.Age.of(due.apply(invoice), day);
            long left = open.applyAsLong(invoice);
            byAge.merge(age, left, Long::sum);
            total += left;
            items.add(item.of(invoice, left, Math.max(0, ChronoUnit.DAYS.between(due.apply(invoice), day)), age));
        }
        return new Aged<>(items, byAge, total);
    }
}
