package dk.ledgerline.api;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.identity.Company;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.invoicing.Customer;
import dk.ledgerline.invoicing.EInvoices;
import dk.ledgerline.invoicing.InvoicingProfile;
import dk.ledgerline.invoicing.InvoicingProfiles;
import dk.ledgerline.invoicing.Customers;
import dk.ledgerline.invoicing.Invoice;
import dk.ledgerline.invoicing.Invoices;
import dk.ledgerline.invoicing.Product;
import dk.ledgerline.invoicing.ProductKind;
import dk.ledgerline.invoicing.Products;
import dk.ledgerline.invoicing.Receivables;
import dk.ledgerline.invoicing.Registers;
import dk.ledgerline.invoicing.Reminders;
import dk.ledgerline.invoicing.VatZone;
import dk.ledgerline.ledger.VoucherRef;
import dk.ledgerline.shared.Amounts;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customers, products, sales invoices and credit notes, payments and open items. Amounts are decimal
 * strings as everywhere in the API; an invoice's {@code total} is what the customer owes (negative
 * on a credit note).
 */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}", produces = "application/json")
class InvoicingApi {
    private final Customers customers;
    private final Products products;
    private final Invoices invoices;
    private final Receivables receivables;
    private final EInvoices eInvoices;
    private final InvoicingProfiles profiles;
    private final Identity identity;
    private final Reminders reminders;
    private final Registers registers;

    InvoicingApi(Customers customers, Products products, Invoices invoices, Receivables receivables, EInvoices eInvoices,
                 InvoicingProfiles profiles, Identity identity, Reminders reminders, Registers registers) {
        this.registers = registers;
        this.reminders = reminders;
        this.customers = customers;
        this.products = products;
        this.invoices = invoices;
        this.receivables = receivables;
        this.eInvoices = eInvoices;
        this.profiles = profiles;
        this.identity = identity;
    }

    // ---------------------------------------------------------------- the company's invoicing profile

    @GetMapping("/invoicing-profile")
    InvoicingProfile profile(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        return profiles.profile(access.companyId());
    }

    @PutMapping("/invoicing-profile")
    InvoicingProfile saveProfile(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestBody InvoicingProfile body) {
        access.requireOwner();
        return profiles.save(access.companyId(), body);
    }

    // ---------------------------------------------------------------- customers

    record CustomerBody(Integer number, String name, String cvr, String ean, String address, String postalCode, String city, String country,
                        String email, Integer paymentDays, String vatZone, String vatNumber) {}

    @PostMapping("/customers")
    ResponseEntity<Customer> createCustomer(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestBody CustomerBody body) {
        access.requireBookkeeper();
        VatZone zone = Params.enumValue(VatZone.class, body.vatZone() == null ? "DOMESTIC" : body.vatZone(), "vatZone", "customer.vatZone");
        Customer created = customers.create(access.companyId(), new Customer(0, body.number() == null ? 0 : body.number(), body.name(), body.cvr(),
                body.ean(), body.address(), body.postalCode(), body.city(), body.country(), body.email(),
                body.paymentDays() == null ? 8 : body.paymentDays(), zone, body.vatNumber()));
        return ResponseEntity.created(URI.create("/api/v1/companies/" + access.companyId() + "/customers/" + created.id())).body(created);
    }

    record Imported(int created) {}

    /** Customers from a spreadsheet's CSV (the body): a header naming the columns, all rows kept or none. */
    @PostMapping(path = "/customers/import", consumes = {"text/csv", "text/plain"})
    ResponseEntity<Imported> importCustomers(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestBody String csv) {
        access.requireBookkeeper();
        return ResponseEntity.status(201).body(new Imported(registers.importCustomers(access.companyId(), csv)));
    }

    @PostMapping(path = "/products/import", consumes = {"text/csv", "text/plain"})
    ResponseEntity<Imported> importProducts(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestBody String csv) {
        access.requireBookkeeper();
        return ResponseEntity.status(201).body(new Imported(registers.importProducts(access.companyId(), csv)));
    }

    @GetMapping("/customers")
    Items<Customer> customers(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam(required = false) String q) {
        return new Items<>(customers.search(access.companyId(), q));
    }

    @GetMapping("/customers/{id}")
    Customer customer(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id) {
        return customers.customer(access.companyId(), id);
    }

    // ---------------------------------------------------------------- products

    record ProductBody(String number, String name, String unit, String unitPrice, String kind, Integer revenueAccount) {}

    record ProductView(long id, String number, String name, String unit, String unitPrice, ProductKind kind, Integer revenueAccount) {
        static ProductView of(Product p) {
            return new ProductView(p.id(), p.number(), p.name(), p.unit(), Amounts.format(p.unitPrice()), p.kind(), p.revenueAccount());
        }
    }

    @PostMapping("/products")
    ResponseEntity<ProductView> createProduct(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestBody ProductBody body) {
        access.requireBookkeeper();
        long price = amount("unitPrice", body.unitPrice());
        ProductKind kind = Params.enumValue(ProductKind.class, body.kind(), "kind", "product.kind");
        Product created = products.create(access.companyId(), new Product(0, body.number(), body.name(), body.unit(), price, kind, body.revenueAccount()));
        return ResponseEntity.created(URI.create("/api/v1/companies/" + access.companyId() + "/products/" + created.id())).body(ProductView.of(created));
    }

    @GetMapping("/products")
    Items<ProductView> products(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam(required = false) String q) {
        return new Items<>(products.search(access.companyId(), q).stream().map(ProductView::of).toList());
    }

    // ---------------------------------------------------------------- invoices

    record LineBody(Long productId, String description, String quantity, String unitPrice, Integer account) {}

    record InvoiceBody(Long customerId, String issueDate, String note, List<LineBody> lines) {}

    record LineView(int line, Long productId, String description, String quantity, String unitPrice, String net, String vatCode, int account) {}

    record InvoiceView(long id, Invoice.Kind kind, Invoice.Status status, Integer number, long customerId, String customerName, LocalDate issueDate,
                       LocalDate dueDate, Long creditsId, String note, List<LineView> lines, String net, String vat, String total, String paid,
                       String fees, String open, VoucherRef voucher) {
        static InvoiceView of(Invoice i) {
            return new InvoiceView(i.id(), i.kind(), i.status(), i.number(), i.customer().id(), i.customer().name(), i.issueDate(), i.dueDate(),
                    i.creditsId(), i.note(), i.lines().stream().map(l -> new LineView(l.line(), l.productId(), l.description(),
                            l.quantity().toPlainString(), Amounts.format(l.unitPrice()), Amounts.format(l.net()), l.vatCode(), l.account())).toList(),
                    Amounts.format(i.net()), Amounts.format(i.vat()), Amounts.format(i.total()), Amounts.format(i.paid()), Amounts.format(i.fees()), Amounts.format(i.open()), i.voucher());
        }
    }

    @PostMapping("/invoices")
    ResponseEntity<InvoiceView> draft(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestBody InvoiceBody body) {
        access.requireBookkeeper();
        List<FieldError> errors = new ArrayList<>();
        if (body.customerId() == null) errors.add(FieldError.of("customerId", "required"));
        LocalDate issued = Params.optionalDate("issueDate", body.issueDate());
        List<Invoices.DraftLine> lines = new ArrayList<>();
        if (body.lines() != null) {
            for (int i = 0; i < body.lines().size(); i++) {
                LineBody l = body.lines().get(i);
                if (l == null) {
                    errors.add(FieldError.of("lines[" + i + "]", "required"));
                    continue;
                }
                BigDecimal quantity = null;
                if (l.quantity() != null) {
                    try {
                        quantity = new BigDecimal(l.quantity());
                    } catch (NumberFormatException e) {
                        errors.add(FieldError.of("lines[" + i + "].quantity", "invoice.quantity", 3));
                    }
                }
                Long price = l.unitPrice() == null ? null : Params.amount("lines[" + i + "].unitPrice", l.unitPrice(), errors);
                lines.add(new Invoices.DraftLine(l.productId(), l.description(), quantity, price, l.account()));
            }
        }
        if (!errors.isEmpty()) throw ProblemException.unprocessable(ProblemException.Message.of("invoice.notCreated"), errors);
        Invoice draft = invoices.draft(access.companyId(), new Invoices.Draft(body.customerId(), issued, body.note(), lines));
        return ResponseEntity.created(URI.create("/api/v1/companies/" + access.companyId() + "/invoices/" + draft.id())).body(InvoiceView.of(draft));
    }

    @GetMapping("/invoices")
    Items<InvoiceView> invoices(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                @RequestParam(required = false) Long customerId, @RequestParam(required = false) String status) {
        Invoice.Status wanted = status == null ? null : Params.enumValue(Invoice.Status.class, status, "status", "invoice.status");
        return new Items<>(invoices.list(access.companyId(), customerId, wanted).stream().map(InvoiceView::of).toList());
    }

    @GetMapping("/invoices/{id}")
    InvoiceView invoice(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id) {
        return InvoiceView.of(invoices.invoice(access.companyId(), id));
    }

    @DeleteMapping("/invoices/{id}")
    ResponseEntity<Void> deleteDraft(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id) {
        access.requireBookkeeper();
        invoices.deleteDraft(access.companyId(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/invoices/{id}/booking")
    ResponseEntity<InvoiceView> book(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                     @RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, @PathVariable long id) {
        access.requireBookkeeper();
        return ResponseEntity.status(201).body(InvoiceView.of(invoices.book(access.companyId(), principal.userId(), id)));
    }

    /** A booked invoice or credit note as Peppol BIS Billing 3.0 or OIOUBL 2.1 XML. */
    @GetMapping(path = "/invoices/{id}/e-invoice", produces = {"application/xml", "application/json"})
    ResponseEntity<byte[]> eInvoice(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id,
                                    @RequestParam(defaultValue = "peppol") String format) {
        EInvoices.Format wanted = Params.enumValue(EInvoices.Format.class, format, "format", "einvoice.format");
        Company company = identity.company(access);
        EInvoices.Document document = eInvoices.document(access.companyId(), company.name(), company.cvr(), id, wanted);
        return ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.APPLICATION_XML)
                .header("Content-Disposition", "attachment; filename=\"" + document.fileName() + "\"")
                .body(document.xml());
    }

    record ReminderBody(String date, String fee) {}

    record ReminderView(int number, LocalDate sentOn, String fee, LocalDate payBy, VoucherRef voucher) {
        static ReminderView of(Reminders.Reminder r) {
            return new ReminderView(r.number(), r.sentOn(), Amounts.format(r.fee()), r.payBy(), r.voucher());
        }
    }

    /** The next reminder of an overdue invoice; its fee (100.00 when not given, at most that) is booked on the customer. */
    @PostMapping("/invoices/{id}/reminders")
    ResponseEntity<ReminderView> remind(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                        @RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, @PathVariable long id,
                                        @RequestBody(required = false) ReminderBody body) {
        access.requireBookkeeper();
        LocalDate date = body == null ? null : Params.optionalDate("date", body.date());
        Long fee = body == null || body.fee() == null ? null : amount("fee", body.fee());
        return ResponseEntity.status(201).body(ReminderView.of(reminders.send(access.companyId(), principal.userId(), id, date, fee)));
    }

    @GetMapping("/invoices/{id}/reminders")
    Items<ReminderView> reminders(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id) {
        return new Items<>(reminders.of(access.companyId(), id).stream().map(ReminderView::of).toList());
    }

    record CreditNoteBody(String date) {}

    @PostMapping("/invoices/{id}/credit-note")
    ResponseEntity<InvoiceView> creditNote(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                           @RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, @PathVariable long id,
                                           @RequestBody(required = false) CreditNoteBody body) {
        access.requireBookkeeper();
        LocalDate date = body == null ? null : Params.optionalDate("date", body.date());
        Invoice note = invoices.creditNote(access.companyId(), principal.userId(), id, date);
        return ResponseEntity.created(URI.create("/api/v1/companies/" + access.companyId() + "/invoices/" + note.id())).body(InvoiceView.of(note));
    }

    record PaymentBody(String date, String amount, Integer bankAccount) {}

    @PostMapping("/invoices/{id}/payments")
    ResponseEntity<InvoiceView> pay(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                    @RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, @PathVariable long id,
                                    @RequestBody PaymentBody body) {
        access.requireBookkeeper();
        long amount = amount("amount", body.amount());
        LocalDate date = Params.optionalDate("date", body.date());
        return ResponseEntity.status(201).body(InvoiceView.of(receivables.pay(access.companyId(), principal.userId(), id, date, amount, body.bankAccount())));
    }

    record OpenItemView(long invoiceId, Integer number, Invoice.Kind kind, long customerId, String customerName, LocalDate dueDate, String total,
                        String open, long daysLate, Receivables.Age age) {}

    record OpenItemsView(LocalDate at, List<OpenItemView> items, Map<Receivables.Age, String> byAge, String total) {}

    @GetMapping("/open-items")
    OpenItemsView openItems(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam(required = false) String at,
                            @RequestParam(required = false) Long customerId) {
        Receivables.OpenItems items = receivables.openItems(access.companyId(), Params.optionalDate("at", at), customerId);
        Map<Receivables.Age, String> byAge = new java.util.EnumMap<>(Receivables.Age.class);
        items.byAge().forEach((age, sum) -> byAge.put(age, Amounts.format(sum)));
        return new OpenItemsView(items.at(), items.items().stream().map(o -> new OpenItemView(o.invoice().id(), o.invoice().number(), o.invoice().kind(),
                o.invoice().customer().id(), o.invoice().customer().name(), o.invoice().dueDate(), Amounts.format(o.invoice().total()),
                Amounts.format(o.open()), o.daysLate(), o.age())).toList(), byAge, Amounts.format(items.total()));
    }

    private static long amount(String field, String text) {
        List<FieldError> errors = new ArrayList<>();
        Long amount = Params.amount(field, text, errors);
        if (!errors.isEmpty()) throw ProblemException.unprocessable("the request is not valid", errors);
        return amount;
    }
}
