package dk.ledgerline.invoicing;

import dk.ledgerline.invoicing.internal.InvoiceReader;
import dk.ledgerline.invoicing.internal.InvoicingStore;
import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.ledger.Entry;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.shared.Amounts;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.shared.UnitOfWork;
import dk.ledgerline.vat.Vat;
import dk.ledgerline.vat.VatAccounts;
import dk.ledgerline.vat.VatCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Sales invoices and credit notes: a draft is written and changed freely; booking gives it the next
 * number of the company's one series and posts it (debtor against revenue and VAT, by the customer's
 * VAT zone) in the same unit of work, so a booking that fails leaves neither a number nor a voucher.
 */
@Service
public class Invoices {
    /** The debtors account (Tilgodehavender fra salg og tjenesteydelser) in the standard chart. */
    public static final int DEBTORS_ACCOUNT = 6190;
    /** Quantities to three decimals (0,125 kg); more is a typing mistake. */
    static final int QUANTITY_SCALE_MAX = 3;
    static final BigDecimal QUANTITY_MAX = new BigDecimal("999999999");
    static final String SOURCE_INVOICE = "INVOICE";
    static final String SOURCE_CREDIT_NOTE = "CREDIT_NOTE";

    private final InvoicingStore store;
    private final InvoiceReader reader;
    private final Ledger ledger;
    private final Vat vat;
    private final TenantTransactions tenants;
    private final UnitOfWork units;
    private final Clock clock;

    Invoices(InvoicingStore store, InvoiceReader reader, Ledger ledger, Vat vat, TenantTransactions tenants, UnitOfWork units, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.ledger = ledger;
        this.vat = vat;
        this.tenants = tenants;
        this.units = units;
        this.clock = clock;
    }

    /** What a draft's line asks for: a product (its name, price and account unless given), or a description and a price. */
    public record DraftLine(Long productId, String description, BigDecimal quantity, Long unitPrice, Integer account) {}

    public record Draft(long customerId, LocalDate issueDate, String note, List<DraftLine> lines) {}

    /** The revenue account of a sale without one of its own: the standard chart's account for its zone and kind (an exempt supply's as a Danish sale's). */
    public static int defaultRevenueAccount(VatZone zone, ProductKind kind) {
        if (kind == ProductKind.EXEMPT) return 1010;
        return switch (zone) {
            case DOMESTIC -> 1010;
            case EU -> kind == ProductKind.GOODS ? 1050 : 1150;
            case OUTSIDE_EU -> kind == ProductKind.GOODS ? 1100 : 1200;
        };
    }

    /** The VAT code a sale is booked with: 25 % at home; an EU sale in Rubrik B, goods or services; an export in Rubrik C; an exempt supply FRI. */
    public static String vatCode(VatZone zone, ProductKind kind) {
        if (kind == ProductKind.EXEMPT) return "FRI";
        return switch (zone) {
            case DOMESTIC -> "U25";
            case EU -> kind == ProductKind.GOODS ? "EUSV" : "EUSY";
            case OUTSIDE_EU -> "EKS";
        };
    }

    public Invoice draft(long companyId, Draft draft) {
        return tenants.inCompany(companyId, () -> {
            Customer customer = store.customer(companyId, draft.customerId())
                    .orElseThrow(() -> ProblemException.unprocessable(Message.of("invoice.notCreated"),
                            List.of(FieldError.of("customerId", "customer.notFound", draft.customerId()))));
            LocalDate issued = draft.issueDate() == null ? LocalDate.now(clock) : draft.issueDate();
            String note = draft.note() == null ? "" : draft.note().trim();
            List<FieldError> errors = new ArrayList<>();
            if (note.length() > Invoice.NOTE_LENGTH_MAX) errors.add(FieldError.of("note", "text.tooLong", Invoice.NOTE_LENGTH_MAX));
            List<Invoice.Line> lines = lines(companyId, customer.vatZone(), draft.lines(), errors);
            if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("invoice.notCreated"), errors);
            Totals totals = Totals.of(lines, 1);
            long id = store.insertInvoice(companyId, Invoice.Kind.INVOICE, customer.id(), issued, issued.plusDays(customer.paymentDays()), null, note,
                    totals.net(), totals.vat(), totals.total(), clock.instant());
            store.insertLines(companyId, id, lines);
            return reader.whole(companyId, store.invoice(companyId, id, false).orElseThrow());
        });
    }

    private List<Invoice.Line> lines(long companyId, VatZone zone, List<DraftLine> drafts, List<FieldError> errors) {
        if (drafts == null || drafts.isEmpty()) {
            errors.add(FieldError.of("lines", "invoice.noLines"));
            return List.of();
        }
        if (drafts.size() > Invoice.LINES_MAX) {
            errors.add(FieldError.of("lines", "lines.tooMany", Invoice.LINES_MAX));
            return List.of();
        }
        List<Invoice.Line> lines = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            DraftLine d = drafts.get(i);
            String field = "lines[" + i + "]";
            Optional<Product> product = Optional.empty();
            if (d.productId() != null) {
                product = store.product(companyId, d.productId());
                if (product.isEmpty()) {
                    errors.add(FieldError.of(field + ".productId", "product.notFound", d.productId()));
                    continue;
                }
            }
            String description = Customers.trimmed(d.description()) != null ? d.description().trim() : product.map(Product::name).orElse(null);
            if (description == null || description.length() > 250) {
                errors.add(FieldError.of(field + ".description", "length.between", 1, 250));
                continue;
            }
            BigDecimal quantity = d.quantity() == null ? BigDecimal.ONE : d.quantity();
            if (quantity.signum() <= 0 || quantity.compareTo(QUANTITY_MAX) > 0 || quantity.stripTrailingZeros().scale() > QUANTITY_SCALE_MAX) {
                errors.add(FieldError.of(field + ".quantity", "invoice.quantity", QUANTITY_SCALE_MAX));
                continue;
            }
            Long price = d.unitPrice() != null ? d.unitPrice() : product.map(Product::unitPrice).orElse(null);
            if (price == null || price < 0 || price > Amounts.MAX_ABS_MINOR) {
                errors.add(FieldError.of(field + ".unitPrice", "product.price", Message.money(Amounts.MAX_ABS_MINOR)));
                continue;
            }
            BigDecimal net = quantity.multiply(BigDecimal.valueOf(price)).setScale(0, RoundingMode.HALF_UP);
            if (net.compareTo(BigDecimal.valueOf(Amounts.MAX_ABS_MINOR)) > 0) {
                errors.add(FieldError.of(field + ".quantity", "amount.tooLarge", Message.money(Amounts.MAX_ABS_MINOR)));
                continue;
            }
            ProductKind kind = product.map(Product::kind).orElse(ProductKind.SERVICES);
            int account = d.account() != null ? d.account()
                    : product.map(Product::revenueAccount).filter(a -> a != null).orElse(defaultRevenueAccount(zone, kind));
            Optional<Account> revenue = ledger.account(companyId, account);
            if (revenue.isEmpty() || revenue.get().type() != AccountType.REVENUE) {
                errors.add(FieldError.of(field + ".account", "product.revenueAccount", account));
                continue;
            }
            lines.add(new Invoice.Line(lines.size() + 1, d.productId(), description, quantity.stripTrailingZeros(), price, net.longValueExact(),
                    vatCode(zone, kind), account));
        }
        return lines;
    }

    public Invoice invoice(long companyId, long id) {
        return tenants.readInCompany(companyId, () -> reader.whole(companyId, store.invoice(companyId, id, false)
                .orElseThrow(() -> ProblemException.notFound(Message.of("invoice.notFound", id)))));
    }

    /** Newest first, without their lines; of one customer when {@code customerId} is given. */
    public List<Invoice> list(long companyId, Long customerId, Invoice.Status status) {
        return tenants.readInCompany(companyId, () -> reader.assemble(companyId, store.invoices(companyId, customerId, status, InvoicingStore.LIST_MAX), false));
    }

    public void deleteDraft(long companyId, long id) {
        tenants.inCompany(companyId, () -> {
            if (!store.deleteDraft(companyId, id)) {
                throw store.invoice(companyId, id, false).isPresent()
                        ? ProblemException.conflict(Message.of("invoice.bookedIsFinal", id))
                        : ProblemException.notFound(Message.of("invoice.notFound", id));
            }
            return null;
        });
    }

    /**
     * Books a draft: takes the next invoice number and posts debtor against revenue and VAT on its
     * issue date, in one unit of work. A date the ledger refuses (a locked or closed period) refuses
     * the booking, and the draft stays a draft.
     */
    public Invoice book(long companyId, long userId, long id) {
        return tenants.inCompany(companyId, () -> units.attempt(() -> {
            InvoicingStore.InvoiceRow row = store.invoice(companyId, id, true)
                    .orElseThrow(() -> ProblemException.notFound(Message.of("invoice.notFound", id)));
            if (row.status() == Invoice.Status.BOOKED) throw ProblemException.conflict(Message.of("invoice.alreadyBooked", row.number()));
            Invoice draft = reader.whole(companyId, row);
            int number = store.takeInvoiceNumber(companyId);
            Message text = Message.of(row.kind() == Invoice.Kind.INVOICE ? "invoice.voucherText" : "invoice.creditNoteVoucherText", number, draft.customer().name());
            Voucher voucher = ledger.postEntries(companyId, userId, row.issueDate(), danish(text), entries(companyId, draft, number),
                            row.kind() == Invoice.Kind.INVOICE ? SOURCE_INVOICE : SOURCE_CREDIT_NOTE)
                    .postedOrThrow(Message.of("invoice.notBooked", id)).getFirst();
            store.markBooked(companyId, id, number, voucher.ref(), voucher.fiscalYearStart(), clock.instant().truncatedTo(ChronoUnit.MICROS));
            return reader.whole(companyId, store.invoice(companyId, id, false).orElseThrow());
        }));
    }

    /**
     * Credits a booked invoice in full: a credit note with its lines, referring to it, booked at once
     * on {@code date} (today when null) with the next number. An invoice is credited once.
     */
    public Invoice creditNote(long companyId, long userId, long invoiceId, LocalDate date) {
        return tenants.inCompany(companyId, () -> units.attempt(() -> {
            InvoicingStore.InvoiceRow original = store.invoice(companyId, invoiceId, true)
                    .orElseThrow(() -> ProblemException.notFound(Message.of("invoice.notFound", invoiceId)));
            if (original.status() != Invoice.Status.BOOKED || original.kind() != Invoice.Kind.INVOICE) {
                throw ProblemException.conflict(Message.of("invoice.creditOnlyBooked", invoiceId));
            }
            if (store.credited(companyId, invoiceId)) throw ProblemException.conflict(Message.of("invoice.alreadyCredited", original.number()));
            LocalDate issued = date == null ? LocalDate.now(clock) : date;
            List<Invoice.Line> lines = store.lines(companyId, invoiceId);
            Totals totals = Totals.of(lines, -1);
            long id = store.insertInvoice(companyId, Invoice.Kind.CREDIT_NOTE, original.customerId(), issued, issued, invoiceId,
                    danish(Message.of("invoice.creditNoteNote", original.number())), totals.net(), totals.vat(), totals.total(), clock.instant());
            store.insertLines(companyId, id, lines);
            return book(companyId, userId, id);
        }));
    }

    /** Debtor against revenue per account and VAT code, and the VAT, signed by the kind (a credit note turns every entry around). */
    private List<Entry> entries(long companyId, Invoice invoice, int number) {
        int sign = invoice.kind() == Invoice.Kind.INVOICE ? 1 : -1;
        VatAccounts accounts = vat.accounts(companyId);
        record Key(int account, String vatCode) {}
        Map<Key, Long> revenue = new TreeMap<>(java.util.Comparator.comparingInt(Key::account).thenComparing(Key::vatCode));
        for (Invoice.Line line : invoice.lines()) revenue.merge(new Key(line.account(), line.vatCode()), line.net(), Long::sum);
        String text = danish(Message.of(invoice.kind() == Invoice.Kind.INVOICE ? "invoice.entryText" : "invoice.creditNoteEntryText", number));
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(0, DEBTORS_ACCOUNT, invoice.total(), null, null, text));
        revenue.forEach((key, net) -> entries.add(new Entry(0, key.account(), -sign * net, null, key.vatCode(), text)));
        if (invoice.vat() != 0) entries.add(new Entry(0, accounts.salesVat(), -invoice.vat(), null, "U25", text));
        long sum = entries.stream().mapToLong(Entry::amount).sum();
        if (sum != 0) throw new IllegalStateException("invoice " + invoice.id() + " of company " + companyId + " does not balance by " + sum);
        return entries;
    }

    /** Voucher texts are kept in the company's language of the books, Danish, whoever books them. */
    private static String danish(Message message) {
        return message.in(dk.ledgerline.shared.Language.DA);
    }

    /** An invoice's sums: net of its lines, 25 % VAT of its domestic lines' net (half-up, once per invoice), total; signed. */
    record Totals(long net, long vat, long total) {
        static Totals of(List<Invoice.Line> lines, int sign) {
            long net = 0, domestic = 0;
            for (Invoice.Line line : lines) {
                net += line.net();
                if ("U25".equals(line.vatCode())) domestic += line.net();
            }
            long vat = VatCode.U25.vatOfNet(domestic);
            return new Totals(sign * net, sign * vat, sign * (net + vat));
        }
    }
}
