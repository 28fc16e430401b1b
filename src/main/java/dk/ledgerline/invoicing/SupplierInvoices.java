package dk.ledgerline.invoicing;

import dk.ledgerline.documents.Document;
import dk.ledgerline.documents.Documents;
import dk.ledgerline.invoicing.internal.EInvoiceReader;
import dk.ledgerline.invoicing.internal.InvoicingStore;
import dk.ledgerline.invoicing.internal.PurchaseStore;
import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.ledger.Entry;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.ledger.Voucher;
import dk.ledgerline.shared.Amounts;
import dk.ledgerline.shared.Language;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.shared.UnitOfWork;
import dk.ledgerline.vat.Vat;
import dk.ledgerline.vat.VatAccounts;
import dk.ledgerline.vat.VatCode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Supplier invoices and credit notes: entered by hand or taken in as e-invoices, kept as drafts
 * until each line has its expense account and VAT code, then booked as one voucher — the expenses,
 * the input VAT (or reverse-charge VAT both ways) and the creditors — with the document attached;
 * paid, partly or in full, and listed by age while open (kreditorer).
 */
@Service
public class SupplierInvoices {
    /** Leverandører af varer og tjenesteydelser, in the standard chart. */
    public static final int CREDITORS_ACCOUNT = 7440;
    /** The VAT codes a purchase is booked with. */
    static final Set<String> PURCHASE_VAT_CODES = Set.of("I25", "EUV", "EUY", "UDY", "FRI");
    static final Set<String> EU = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
            "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");
    /** How many of a supplier's earlier lines are read to book a new e-invoice the same way. */
    static final int LAST_USE_LINES = 200;
    static final String SOURCE_SUPPLIER_INVOICE = "SUPPLIER_INVOICE";
    static final String SOURCE_SUPPLIER_PAYMENT = "SUPPLIER_PAYMENT";

    private final PurchaseStore store;
    private final Suppliers suppliers;
    private final Documents documents;
    private final Ledger ledger;
    private final Vat vat;
    private final TenantTransactions tenants;
    private final UnitOfWork units;
    private final Clock clock;

    SupplierInvoices(PurchaseStore store, Suppliers suppliers, Documents documents, Ledger ledger, Vat vat, TenantTransactions tenants,
                     UnitOfWork units, Clock clock) {
        this.store = store;
        this.suppliers = suppliers;
        this.documents = documents;
        this.ledger = ledger;
        this.vat = vat;
        this.tenants = tenants;
        this.units = units;
        this.clock = clock;
    }

    /** A line as entered: its text, its net amount, and (before booking, at the latest) its expense account and VAT code. */
    public record DraftLine(String description, Long net, Integer account, String vatCode) {}

    /** {@code vat} is the input VAT the supplier states; null computes it (25 % of the I25 lines' net, half-up). {@code dueDate} null is the supplier's payment days on. */
    public record Draft(long supplierId, Invoice.Kind kind, String supplierNumber, LocalDate issueDate, LocalDate dueDate, Long vat, List<DraftLine> lines) {}

    public SupplierInvoice draft(long companyId, Draft draft) {
        return tenants.inCompany(companyId, () -> {
            Supplier supplier = store.supplier(companyId, draft.supplierId())
                    .orElseThrow(() -> ProblemException.unprocessable(Message.of("supplierInvoice.notCreated"),
                            List.of(FieldError.of("supplierId", "supplier.notFound", draft.supplierId()))));
            return insertDraft(companyId, supplier, draft, SupplierInvoice.Source.MANUAL, null);
        });
    }

    private SupplierInvoice insertDraft(long companyId, Supplier supplier, Draft draft, SupplierInvoice.Source source, String documentSha) {
        List<FieldError> errors = new ArrayList<>();
        String number = Customers.trimmed(draft.supplierNumber());
        if (number == null || number.length() > 100) errors.add(FieldError.of("supplierNumber", "length.between", 1, 100));
        if (draft.issueDate() == null) errors.add(FieldError.of("issueDate", "form.dateRequired"));
        List<SupplierInvoice.Line> lines = lines(companyId, draft.lines(), false, errors);
        Totals totals = Totals.of(lines, draft.vat(), errors);
        if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("supplierInvoice.notCreated"), errors);
        Invoice.Kind kind = draft.kind() == null ? Invoice.Kind.INVOICE : draft.kind();
        LocalDate due = draft.dueDate() != null ? draft.dueDate() : draft.issueDate().plusDays(supplier.paymentDays());
        if (due.isBefore(draft.issueDate())) due = draft.issueDate();
        int sign = kind == Invoice.Kind.INVOICE ? 1 : -1;
        long id = store.insertInvoice(companyId, kind, supplier.id(), number, draft.issueDate(), due, sign * totals.net(), sign * totals.vat(),
                sign * totals.total(), source, documentSha, clock.instant());
        if (id < 0) {
            PurchaseStore.Row existing = store.invoiceBySupplierNumber(companyId, supplier.id(), kind, number).orElseThrow();
            throw ProblemException.conflict(Message.of("supplierInvoice.duplicate", number, supplier.name(), existing.id()));
        }
        store.insertLines(companyId, id, lines);
        return whole(companyId, store.invoice(companyId, id, false).orElseThrow());
    }

    /** A draft's lines and stated VAT replaced, as its bookkeeper completes it (accounts and VAT codes of an e-invoice's lines, say). */
    public SupplierInvoice update(long companyId, long id, List<DraftLine> drafts, Long statedVat) {
        return tenants.inCompany(companyId, () -> {
            PurchaseStore.Row row = store.invoice(companyId, id, true)
                    .orElseThrow(() -> ProblemException.notFound(Message.of("supplierInvoice.notFound", id)));
            if (row.status() == dk.ledgerline.invoicing.Invoice.Status.BOOKED) throw ProblemException.conflict(Message.of("supplierInvoice.bookedIsFinal", id));
            List<FieldError> errors = new ArrayList<>();
            List<SupplierInvoice.Line> lines = lines(companyId, drafts, false, errors);
            int sign = row.kind() == Invoice.Kind.INVOICE ? 1 : -1;
            Totals totals = Totals.of(lines, statedVat == null ? sign * row.vat() : statedVat, errors);
            if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("supplierInvoice.notSaved"), errors);
            store.replaceDraftLines(companyId, id, lines, sign * totals.net(), sign * totals.vat(), sign * totals.total());
            return whole(companyId, store.invoice(companyId, id, false).orElseThrow());
        });
    }

    private List<SupplierInvoice.Line> lines(long companyId, List<DraftLine> drafts, boolean complete, List<FieldError> errors) {
        if (drafts == null || drafts.isEmpty()) {
            errors.add(FieldError.of("lines", "invoice.noLines"));
            return List.of();
        }
        if (drafts.size() > Invoice.LINES_MAX) {
            errors.add(FieldError.of("lines", "lines.tooMany", Invoice.LINES_MAX));
            return List.of();
        }
        List<SupplierInvoice.Line> lines = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            DraftLine d = drafts.get(i);
            String field = "lines[" + i + "]";
            String description = Customers.trimmed(d.description());
            if (description == null || description.length() > 250) errors.add(FieldError.of(field + ".description", "length.between", 1, 250));
            if (d.net() == null || d.net() == 0 || Math.abs(d.net()) > Amounts.MAX_ABS_MINOR) {
                errors.add(FieldError.of(field + ".net", "supplierInvoice.lineAmount", Message.money(Amounts.MAX_ABS_MINOR)));
            }
            if (d.account() != null) {
                Optional<Account> account = ledger.account(companyId, d.account());
                if (account.isEmpty() || !(account.get().type() == AccountType.EXPENSE || account.get().type() == AccountType.ASSET)) {
                    errors.add(FieldError.of(field + ".account", "supplierInvoice.expenseAccount", d.account()));
                }
            } else if (complete) {
                errors.add(FieldError.of(field + ".account", "supplierInvoice.accountMissing"));
            }
            String code = Customers.trimmed(d.vatCode());
            if (code != null && !PURCHASE_VAT_CODES.contains(code)) errors.add(FieldError.of(field + ".vatCode", "supplierInvoice.vatCode", String.join(", ", PURCHASE_VAT_CODES.stream().sorted().toList())));
            else if (code == null && complete) errors.add(FieldError.of(field + ".vatCode", "supplierInvoice.vatCodeMissing"));
            lines.add(new SupplierInvoice.Line(i + 1, description == null ? "" : description, d.net() == null ? 0 : d.net(), d.account(), code));
        }
        return lines;
    }

    /**
     * The sums of a purchase: the net of its lines, the input VAT the supplier states (within an øre
     * a line of 25 % of the I25 lines' net, as suppliers round per line) or that figure, and the
     * total owed, which reverse-charge VAT is not part of.
     */
    record Totals(long net, long vat, long total) {
        static Totals of(List<SupplierInvoice.Line> lines, Long stated, List<FieldError> errors) {
            long net = 0, domestic = 0;
            int domesticLines = 0;
            for (SupplierInvoice.Line line : lines) {
                net += line.net();
                if ("I25".equals(line.vatCode())) {
                    domestic += line.net();
                    domesticLines++;
                }
            }
            long computed = VatCode.I25.vatOfNet(domestic);
            long vat = stated == null ? computed : stated;
            if (stated != null && Math.abs(stated - computed) > Math.max(domesticLines, 0)) {
                errors.add(FieldError.of("vat", "supplierInvoice.vatMismatch", Message.money(stated), Message.money(computed)));
            }
            return new Totals(net, vat, net + vat);
        }
    }

    public SupplierInvoice invoice(long companyId, long id) {
        return tenants.readInCompany(companyId, () -> whole(companyId, store.invoice(companyId, id, false)
                .orElseThrow(() -> ProblemException.notFound(Message.of("supplierInvoice.notFound", id)))));
    }

    public List<SupplierInvoice> list(long companyId, Invoice.Status status) {
        return tenants.readInCompany(companyId, () -> assemble(companyId, store.invoices(companyId, status, InvoicingStore.LIST_MAX), false));
    }

    public void deleteDraft(long companyId, long id) {
        tenants.inCompany(companyId, () -> {
            if (!store.deleteDraft(companyId, id)) {
                throw store.invoice(companyId, id, false).isPresent()
                        ? ProblemException.conflict(Message.of("supplierInvoice.bookedIsFinal", id))
                        : ProblemException.notFound(Message.of("supplierInvoice.notFound", id));
            }
            return null;
        });
    }

    /**
     * Books a complete draft on its issue date: each line's net on its account with its VAT code, the
     * input VAT on the purchase VAT account, reverse-charge VAT both ways, and the total owed on the
     * creditors; a credit note turns every entry around. Its document, if it came with one, is
     * attached to the voucher in the same unit of work.
     */
    public SupplierInvoice book(long companyId, long userId, long id) {
        return tenants.inCompany(companyId, () -> units.attempt(() -> {
            PurchaseStore.Row row = store.invoice(companyId, id, true)
                    .orElseThrow(() -> ProblemException.notFound(Message.of("supplierInvoice.notFound", id)));
            if (row.status() == Invoice.Status.BOOKED) throw ProblemException.conflict(Message.of("supplierInvoice.alreadyBooked", id));
            SupplierInvoice draft = whole(companyId, row);
            List<FieldError> errors = new ArrayList<>();
            lines(companyId, draft.lines().stream().map(l -> new DraftLine(l.description(), l.net(), l.account(), l.vatCode())).toList(), true, errors);
            if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("supplierInvoice.notBooked", id), errors);
            String text = Message.of(row.kind() == Invoice.Kind.INVOICE ? "supplierInvoice.voucherText" : "supplierInvoice.creditNoteVoucherText",
                    row.supplierNumber(), draft.supplier().name()).in(Language.DA);
            Voucher voucher = ledger.postEntries(companyId, userId, row.issueDate(), text, entries(companyId, draft, text), SOURCE_SUPPLIER_INVOICE)
                    .postedOrThrow(Message.of("supplierInvoice.notBooked", id)).getFirst();
            store.markBooked(companyId, id, voucher.fiscalYearStart(), voucher.number(), clock.instant().truncatedTo(ChronoUnit.MICROS));
            if (row.documentSha256() != null) documents.attachKept(companyId, userId, voucher.fiscalYear(), voucher.number(), row.documentSha256());
            return whole(companyId, store.invoice(companyId, id, false).orElseThrow());
        }));
    }

    private List<Entry> entries(long companyId, SupplierInvoice invoice, String text) {
        int sign = invoice.kind() == Invoice.Kind.INVOICE ? 1 : -1;
        VatAccounts accounts = vat.accounts(companyId);
        record Key(int account, String vatCode) {}
        Map<Key, Long> expenses = new LinkedHashMap<>();
        Map<String, Long> reverseCharged = new LinkedHashMap<>();
        for (SupplierInvoice.Line line : invoice.lines()) {
            expenses.merge(new Key(line.account(), line.vatCode()), line.net(), Long::sum);
            if (List.of("EUV", "EUY", "UDY").contains(line.vatCode())) reverseCharged.merge(line.vatCode(), line.net(), Long::sum);
        }
        List<Entry> entries = new ArrayList<>();
        expenses.forEach((key, net) -> entries.add(new Entry(0, key.account(), sign * net, null, key.vatCode(), text)));
        if (invoice.vat() != 0) entries.add(new Entry(0, accounts.purchaseVat(), invoice.vat(), null, "I25", text));
        reverseCharged.forEach((code, net) -> {
            long due = VatCode.valueOf(code).vatOfNet(net);
            int output = "EUV".equals(code) ? accounts.goodsAbroadVat() : accounts.servicesAbroadVat();
            entries.add(new Entry(0, output, -sign * due, null, code, text));
            entries.add(new Entry(0, accounts.purchaseVat(), sign * due, null, code, text));
        });
        entries.add(new Entry(0, CREDITORS_ACCOUNT, -invoice.total(), null, null, text));
        long sum = entries.stream().mapToLong(Entry::amount).sum();
        if (sum != 0) throw new IllegalStateException("supplier invoice " + invoice.id() + " of company " + companyId + " does not balance by " + sum);
        return entries;
    }

    /** Pays {@code amount} (negative: a credit note refunded) out of {@code bankAccount} (null: 6480), creditors against bank. */
    public SupplierInvoice pay(long companyId, long userId, long id, LocalDate date, long amount, Integer bankAccount) {
        return tenants.inCompany(companyId, () -> units.attempt(() -> {
            PurchaseStore.Row row = store.invoice(companyId, id, true)
                    .orElseThrow(() -> ProblemException.notFound(Message.of("supplierInvoice.notFound", id)));
            if (row.status() != Invoice.Status.BOOKED) throw ProblemException.conflict(Message.of("payment.onlyBooked", id));
            SupplierInvoice invoice = whole(companyId, row);
            LocalDate paidOn = date == null ? LocalDate.now(clock) : date;
            String text = Message.of("supplierInvoice.paymentText", row.supplierNumber(), invoice.supplier().name()).in(Language.DA);
            Voucher voucher = Settlements.post(ledger, companyId, userId, paidOn, amount, invoice.open(), bankAccount, CREDITORS_ACCOUNT, false,
                    text, SOURCE_SUPPLIER_PAYMENT);
            store.insertPayment(companyId, id, paidOn, amount, voucher.fiscalYearStart(), voucher.number(), clock.instant());
            return whole(companyId, store.invoice(companyId, id, false).orElseThrow());
        }));
    }

    public record Payable(SupplierInvoice invoice, long open, long daysLate, Receivables.Age age) {}

    /** Per age, what is owed to suppliers at {@code at} (today when null). */
    public record Payables(LocalDate at, List<Payable> items, Map<Receivables.Age, Long> byAge, long total) {
        /** What is owed to each supplier, by name: the kreditorer list. */
        public Map<Supplier, Long> bySupplier() {
            Map<Supplier, Long> owed = new java.util.TreeMap<>(java.util.Comparator.comparing(Supplier::name).thenComparing(Supplier::id));
            for (Payable item : items) owed.merge(item.invoice().supplier(), item.open(), Long::sum);
            return owed;
        }
    }

    public Payables payables(long companyId, LocalDate at) {
        return payables(companyId, at, null);
    }

    /** What is owed to one supplier when {@code supplierId} is given, else to all. */
    public Payables payables(long companyId, LocalDate at, Long supplierId) {
        LocalDate day = at == null ? LocalDate.now(clock) : at;
        return tenants.readInCompany(companyId, () -> {
            List<SupplierInvoice> open = assemble(companyId, store.unsettled(companyId, InvoicingStore.LIST_MAX), false).stream()
                    .filter(i -> supplierId == null || i.supplier().id() == supplierId).toList();
            Settlements.Aged<SupplierInvoice, Payable> aged = Settlements.age(open, day, SupplierInvoice::dueDate, SupplierInvoice::open, Payable::new);
            return new Payables(day, aged.items(), aged.byAge(), aged.total());
        });
    }

    // ------------------------------------------------------------------------------------------ e-invoices received

    /** What an intake did: the draft, and whether its supplier was created for it. */
    public record Intake(SupplierInvoice draft, boolean supplierCreated) {}

    /**
     * Takes in a Peppol BIS 3 or OIOUBL 2.1 invoice or credit note addressed to this company (CVR
     * {@code companyCvr}): the supplier is found by CVR or EAN or created; each line gets the account
     * and VAT code the supplier's earlier invoices were booked with (the same text first, else the
     * latest line), its VAT code otherwise from the document's VAT category; the XML is kept as the
     * draft's document. The same invoice taken in twice is refused, naming the draft it is.
     */
    public Intake intake(long companyId, long userId, String companyCvr, byte[] xml, String fileName) {
        EInvoiceReader.Parsed parsed;
        try {
            parsed = EInvoiceReader.read(xml);
        } catch (EInvoiceReader.Unreadable e) {
            throw ProblemException.unprocessable(Message.of("intake.refused"), List.of(FieldError.of("file", e.code(), e.args())));
        }
        if (parsed.buyer().cvr() != null && !parsed.buyer().cvr().equals(companyCvr)) {
            throw ProblemException.unprocessable(Message.of("intake.refused"), List.of(FieldError.of("file", "intake.otherBuyer", parsed.buyer().cvr(), companyCvr)));
        }
        return tenants.inCompany(companyId, () -> {
            EInvoiceReader.Party seller = parsed.seller();
            Optional<Supplier> known = seller.cvr() == null && seller.ean() == null ? Optional.empty()
                    : store.supplierByCvrOrEan(companyId, seller.cvr(), seller.ean());
            Supplier supplier = known.orElseGet(() -> {
                VatZone zone = "DK".equals(seller.country()) ? VatZone.DOMESTIC : EU.contains(seller.country()) ? VatZone.EU : VatZone.OUTSIDE_EU;
                List<FieldError> errors = new ArrayList<>();
                Customer clean = Customers.clean(new Customer(0, 0, seller.name(), seller.cvr(), seller.ean(), seller.address(), seller.postalCode(),
                        seller.city(), seller.country(), null, 30, zone, zone == VatZone.DOMESTIC ? null : seller.vatNumber()), errors);
                if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("intake.refused"), errors);
                return suppliers.insert(companyId, Supplier.of(clean));
            });
            store.invoiceBySupplierNumber(companyId, supplier.id(), parsed.kind(), parsed.number()).ifPresent(existing -> {
                throw ProblemException.conflict(Message.of("supplierInvoice.duplicate", parsed.number(), supplier.name(), existing.id()));
            });
            Document document = documents.keepXml(companyId, userId, xml, fileName == null ? parsed.format().name().toLowerCase(Locale.ROOT) + "-" + parsed.number() + ".xml" : fileName);
            List<SupplierInvoice.Line> before = store.bookedLinesOf(companyId, supplier.id(), LAST_USE_LINES);
            List<DraftLine> lines = new ArrayList<>();
            for (EInvoiceReader.Line line : parsed.lines()) {
                SupplierInvoice.Line earlier = before.stream().filter(b -> b.description().equalsIgnoreCase(line.description())).findFirst()
                        .orElse(before.isEmpty() ? null : before.getFirst());
                String code = vatCode(line, supplier.vatZone());
                if (code == null && earlier != null) code = earlier.vatCode();
                lines.add(new DraftLine(line.description(), line.net(), earlier == null ? null : earlier.account(), code));
            }
            Draft draft = new Draft(supplier.id(), parsed.kind(), parsed.number(), parsed.issueDate(), parsed.dueDate(), parsed.vat(), lines);
            return new Intake(insertDraft(companyId, supplier, draft, parsed.format(), document.sha256()), known.isEmpty());
        });
    }

    /** The VAT code of a line by its category: Danish VAT is input VAT; reverse charge by the supplier's zone; zero-rated is outside VAT. */
    static String vatCode(EInvoiceReader.Line line, VatZone zone) {
        String category = line.taxCategory() == null ? "" : line.taxCategory();
        return switch (category) {
            case "S", "StandardRated" -> line.percent() != null && line.percent().compareTo(BigDecimal.valueOf(25)) == 0 ? "I25" : null;
            case "K" -> "EUV";
            case "AE", "ReverseCharge" -> zone == VatZone.OUTSIDE_EU ? "UDY" : "EUY";
            case "E", "Z", "G", "O", "ZeroRated" -> "FRI";
            default -> null;
        };
    }

    // ------------------------------------------------------------------------------------------ reading

    private SupplierInvoice whole(long companyId, PurchaseStore.Row row) {
        return assemble(companyId, List.of(row), true).getFirst();
    }

    private List<SupplierInvoice> assemble(long companyId, List<PurchaseStore.Row> rows, boolean withLines) {
        Map<Long, Long> paid = store.paid(companyId, rows.stream().map(PurchaseStore.Row::id).toList());
        Map<Long, Supplier> suppliersById = new HashMap<>();
        List<SupplierInvoice> invoices = new ArrayList<>();
        for (PurchaseStore.Row r : rows) {
            Supplier supplier = suppliersById.computeIfAbsent(r.supplierId(), sid -> store.supplier(companyId, sid).orElseThrow());
            invoices.add(new SupplierInvoice(r.id(), r.kind(), r.status(), supplier, r.supplierNumber(), r.issueDate(), r.dueDate(),
                    withLines ? store.lines(companyId, r.id()) : List.of(), r.net(), r.vat(), r.total(), paid.getOrDefault(r.id(), 0L),
                    r.source(), r.documentSha256(), r.voucher()));
        }
        return invoices;
    }
}
