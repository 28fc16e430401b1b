package dk.ledgerline.invoicing;

import dk.ledgerline.invoicing.internal.InvoiceReader;
import dk.ledgerline.invoicing.internal.InvoicingStore;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.shared.UnitOfWork;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What customers owe (debitorer): payments registered against booked invoices, partly or in full,
 * and the open items with their age.
 */
@Service
public class Receivables {
    /** The bank account (Bankkonto) of the standard chart, where a payment lands unless another is named. */
    public static final int BANK_ACCOUNT_DEFAULT = 6480;

    private final InvoicingStore store;
    private final InvoiceReader reader;
    private final Ledger ledger;
    private final TenantTransactions tenants;
    private final UnitOfWork units;
    private final Clock clock;

    Receivables(InvoicingStore store, InvoiceReader reader, Ledger ledger, TenantTransactions tenants, UnitOfWork units, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.ledger = ledger;
        this.tenants = tenants;
        this.units = units;
        this.clock = clock;
    }

    /**
     * Registers a payment of {@code amount} øre on {@code date} into {@code bankAccount} (null: 6480):
     * bank against debtors, in one unit of work with the record of it. A credit note is paid back
     * with a negative amount. More than is open is refused; the rest of a partial payment stays open.
     */
    public Invoice pay(long companyId, long userId, long invoiceId, LocalDate date, long amount, Integer bankAccount) {
        return tenants.inCompany(companyId, () -> units.attempt(() -> {
            InvoicingStore.InvoiceRow row = store.invoice(companyId, invoiceId, true)
                    .orElseThrow(() -> ProblemException.notFound(Message.of("invoice.notFound", invoiceId)));
            if (row.status() != Invoice.Status.BOOKED) throw ProblemException.conflict(Message.of("payment.onlyBooked", invoiceId));
            Invoice invoice = reader.whole(companyId, row);
            LocalDate paidOn = date == null ? LocalDate.now(clock) : date;
            String text = Message.of("payment.voucherText", invoice.number(), invoice.customer().name()).in(dk.ledgerline.shared.Language.DA);
            Voucher voucher = Settlements.post(ledger, companyId, userId, paidOn, amount, invoice.open(), bankAccount, Invoices.DEBTORS_ACCOUNT, true,
                    text, "PAYMENT");
            store.insertPayment(companyId, invoiceId, paidOn, amount, voucher.fiscalYearStart(), voucher.number(), clock.instant());
            return reader.whole(companyId, store.invoice(companyId, invoiceId, false).orElseThrow());
        }));
    }

    /** How long an open item is past its due date at a day: not yet due, or up to 30, 60, 90 days, or more. */
    public enum Age { NOT_DUE, DAYS_1_30, DAYS_31_60, DAYS_61_90, OVER_90;

        static Age of(LocalDate due, LocalDate at) {
            long late = ChronoUnit.DAYS.between(due, at);
            if (late <= 0) return NOT_DUE;
            if (late <= 30) return DAYS_1_30;
            if (late <= 60) return DAYS_31_60;
            return late <= 90 ? DAYS_61_90 : OVER_90;
        }
    }

    public record OpenItem(Invoice invoice, long open, long daysLate, Age age) {}

    /** Per age, what is open: the ageing of the receivables (aldersfordeling). */
    public record OpenItems(LocalDate at, List<OpenItem> items, java.util.Map<Age, Long> byAge, long total) {
        /** What each customer owes, by name: the debitorer list. */
        public java.util.Map<Customer, Long> byCustomer() {
            java.util.Map<Customer, Long> owed = new java.util.TreeMap<>(java.util.Comparator.comparing(Customer::name).thenComparing(Customer::id));
            for (OpenItem item : items) owed.merge(item.invoice().customer(), item.open(), Long::sum);
            return owed;
        }
    }

    public OpenItems openItems(long companyId, LocalDate at) {
        return openItems(companyId, at, null);
    }

    /** The open items of one customer when {@code customerId} is given, else of all. */
    public OpenItems openItems(long companyId, LocalDate at, Long customerId) {
        LocalDate day = at == null ? LocalDate.now(clock) : at;
        return tenants.readInCompany(companyId, () -> {
            List<Invoice> invoices = reader.assemble(companyId, store.unsettled(companyId, InvoicingStore.LIST_MAX), false).stream()
                    .filter(i -> customerId == null || i.customer().id() == customerId).toList();
            Settlements.Aged<Invoice, OpenItem> aged = Settlements.age(invoices, day, Invoice::dueDate, Invoice::open, OpenItem::new);
            return new OpenItems(day, aged.items(), aged.byAge(), aged.total());
        });
    }
}
