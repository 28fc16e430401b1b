package dk.ledgerline.invoicing;

import dk.ledgerline.invoicing.internal.InvoiceReader;
import dk.ledgerline.invoicing.internal.InvoicingStore;
import dk.ledgerline.ledger.Entry;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.ledger.VoucherRef;
import dk.ledgerline.shared.Language;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.shared.UnitOfWork;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Reminders (rykkere) of an overdue invoice, as the Danish interest act allows them (renteloven
 * § 9 b): after the due date, at least ten days apart, at most three, each with a fee of at most
 * 100 kr. A fee is booked on the customer (debtors against other operating income, outside VAT)
 * and is part of what the invoice has open until paid.
 */
@Service
public class Reminders {
    public static final int REMINDERS_MAX = 3;
    public static final long FEE_MAX = 10_000;
    public static final int DAYS_APART_MIN = 10;
    /** Øvrige andre driftsindtægter in the standard chart: a reminder fee is income outside VAT. */
    static final int FEE_ACCOUNT = 1550;
    static final String SOURCE_REMINDER = "REMINDER";

    private final InvoicingStore store;
    private final InvoiceReader reader;
    private final Ledger ledger;
    private final TenantTransactions tenants;
    private final UnitOfWork units;
    private final Clock clock;

    Reminders(InvoicingStore store, InvoiceReader reader, Ledger ledger, TenantTransactions tenants, UnitOfWork units, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.ledger = ledger;
        this.tenants = tenants;
        this.units = units;
        this.clock = clock;
    }

    /** A reminder sent: its number, day, fee, the new day to pay by, and the voucher of its fee (null without one). */
    public record Reminder(int number, LocalDate sentOn, long fee, LocalDate payBy, VoucherRef voucher) {}

    public List<Reminder> of(long companyId, long invoiceId) {
        return tenants.readInCompany(companyId, () -> store.reminders(companyId, invoiceId));
    }

    /** Sends the next reminder of invoice {@code invoiceId} on {@code date} (today when null) with {@code fee} øre (100 kr. when null). */
    public Reminder send(long companyId, long userId, long invoiceId, LocalDate date, Long fee) {
        LocalDate day = date == null ? LocalDate.now(clock) : date;
        long charged = fee == null ? FEE_MAX : fee;
        return tenants.inCompany(companyId, () -> units.attempt(() -> {
            InvoicingStore.InvoiceRow row = store.invoice(companyId, invoiceId, true)
                    .orElseThrow(() -> ProblemException.notFound(Message.of("invoice.notFound", invoiceId)));
            if (row.status() != Invoice.Status.BOOKED || row.kind() != Invoice.Kind.INVOICE) {
                throw ProblemException.conflict(Message.of("reminder.onlyBookedInvoice", invoiceId));
            }
            Invoice invoice = reader.whole(companyId, row);
            if (invoice.open() <= 0) throw ProblemException.conflict(Message.of("reminder.nothingOpen", invoice.number()));
            List<Reminder> sent = store.reminders(companyId, invoiceId);
            if (sent.size() >= REMINDERS_MAX) throw ProblemException.conflict(Message.of("reminder.tooMany", REMINDERS_MAX));
            if (!day.isAfter(invoice.dueDate())) {
                throw ProblemException.unprocessable(Message.of("reminder.notSent"), List.of(FieldError.of("date", "reminder.notDue", Message.date(invoice.dueDate()))));
            }
            if (!sent.isEmpty() && day.isBefore(sent.getLast().sentOn().plusDays(DAYS_APART_MIN))) {
                throw ProblemException.unprocessable(Message.of("reminder.notSent"), List.of(FieldError.of("date", "reminder.tooSoon", DAYS_APART_MIN,
                        Message.date(sent.getLast().sentOn().plusDays(DAYS_APART_MIN)))));
            }
            if (charged < 0 || charged > FEE_MAX) {
                throw ProblemException.unprocessable(Message.of("reminder.notSent"), List.of(FieldError.of("fee", "reminder.fee", Message.money(FEE_MAX))));
            }
            int number = sent.size() + 1;
            Voucher voucher = null;
            if (charged > 0) {
                String text = Message.of("reminder.voucherText", number, invoice.number(), invoice.customer().name()).in(Language.DA);
                voucher = ledger.postEntries(companyId, userId, day, text, List.of(new Entry(0, Invoices.DEBTORS_ACCOUNT, charged, null, null, text),
                        new Entry(0, FEE_ACCOUNT, -charged, null, null, text)), SOURCE_REMINDER).postedOrThrow(Message.of("reminder.notSent")).getFirst();
            }
            store.insertReminder(companyId, invoiceId, number, day, charged, voucher == null ? null : voucher.fiscalYearStart(),
                    voucher == null ? null : voucher.number(), clock.instant());
            return store.reminders(companyId, invoiceId).getLast();
        }));
    }
}
