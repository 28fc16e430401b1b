package dk.ledgerline.api;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.invoicing.Invoice;
import dk.ledgerline.invoicing.Receivables;
import dk.ledgerline.invoicing.Registers;
import dk.ledgerline.invoicing.Supplier;
import dk.ledgerline.invoicing.SupplierInvoice;
import dk.ledgerline.invoicing.SupplierInvoices;
import dk.ledgerline.invoicing.Suppliers;
import dk.ledgerline.invoicing.VatZone;
import dk.ledgerline.ledger.VoucherRef;
import dk.ledgerline.shared.Amounts;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Purchases: suppliers, their invoices and credit notes (entered, or taken in as Peppol BIS 3 or
 * OIOUBL 2.1 XML), payments of them, and what is owed by age. Amounts are decimal strings.
 */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}", produces = "application/json")
class PurchasesApi {
    private final Suppliers suppliers;
    private final SupplierInvoices invoices;
    private final Identity identity;
    private final Registers registers;

    PurchasesApi(Suppliers suppliers, SupplierInvoices invoices, Identity identity, Registers registers) {
        this.registers = registers;
        this.suppliers = suppliers;
        this.invoices = invoices;
        this.identity = identity;
    }

    record SupplierBody(Integer number, String name, String cvr, String ean, String address, String postalCode, String city, String country,
                        String email, Integer paymentDays, String vatZone, String vatNumber) {}

    @PostMapping("/suppliers")
    ResponseEntity<Supplier> createSupplier(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestBody SupplierBody body) {
        access.requireBookkeeper();
        VatZone zone = Params.enumValue(VatZone.class, body.vatZone() == null ? "DOMESTIC" : body.vatZone(), "vatZone", "customer.vatZone");
        Supplier created = suppliers.create(access.companyId(), new Supplier(0, body.number() == null ? 0 : body.number(), body.name(), body.cvr(),
                body.ean(), body.address(), body.postalCode(), body.city(), body.country(), body.email(),
                body.paymentDays() == null ? 30 : body.paymentDays(), zone, body.vatNumber()));
        return ResponseEntity.created(URI.create("/api/v1/companies/" + access.companyId() + "/suppliers/" + created.id())).body(created);
    }

    record Imported(int created) {}

    /** Suppliers from a spreadsheet's CSV (the body), with the customers' columns: all rows kept or none. */
    @PostMapping(path = "/suppliers/import", consumes = {"text/csv", "text/plain"})
    ResponseEntity<Imported> importSuppliers(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestBody String csv) {
        access.requireBookkeeper();
        return ResponseEntity.status(201).body(new Imported(registers.importSuppliers(access.companyId(), csv)));
    }

    @GetMapping("/suppliers")
    Items<Supplier> suppliers(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam(required = false) String q) {
        return new Items<>(suppliers.search(access.companyId(), q));
    }

    @GetMapping("/suppliers/{id}")
    Supplier supplier(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id) {
        return suppliers.supplier(access.companyId(), id);
    }

    record LineBody(String description, String net, Integer account, String vatCode) {}

    record SupplierInvoiceBody(Long supplierId, String kind, String supplierNumber, String issueDate, String dueDate, String vat, List<LineBody> lines) {}

    record LineView(int line, String description, String net, Integer account, String vatCode) {}

    record SupplierInvoiceView(long id, Invoice.Kind kind, Invoice.Status status, long supplierId, String supplierName, String supplierNumber,
                               LocalDate issueDate, LocalDate dueDate, List<LineView> lines, String net, String vat, String total, String paid,
                               String open, SupplierInvoice.Source source, String documentSha256, VoucherRef voucher) {
        static SupplierInvoiceView of(SupplierInvoice i) {
            return new SupplierInvoiceView(i.id(), i.kind(), i.status(), i.supplier().id(), i.supplier().name(), i.supplierNumber(), i.issueDate(),
                    i.dueDate(), i.lines().stream().map(l -> new LineView(l.line(), l.description(), Amounts.format(l.net()), l.account(), l.vatCode())).toList(),
                    Amounts.format(i.net()), Amounts.format(i.vat()), Amounts.format(i.total()), Amounts.format(i.paid()), Amounts.format(i.open()),
                    i.source(), i.documentSha256(), i.voucher());
        }
    }

    @PostMapping("/supplier-invoices")
    ResponseEntity<SupplierInvoiceView> draft(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestBody SupplierInvoiceBody body) {
        access.requireBookkeeper();
        List<FieldError> errors = new ArrayList<>();
        if (body.supplierId() == null) errors.add(FieldError.of("supplierId", "required"));
        LocalDate issued = Params.optionalDate("issueDate", body.issueDate());
        if (issued == null) errors.add(FieldError.of("issueDate", "form.dateRequired"));
        LocalDate due = Params.optionalDate("dueDate", body.dueDate());
        Invoice.Kind kind = body.kind() == null ? Invoice.Kind.INVOICE : Params.enumValue(Invoice.Kind.class, body.kind(), "kind", "supplierInvoice.kind");
        Long vat = body.vat() == null ? null : Params.amount("vat", body.vat(), errors);
        List<SupplierInvoices.DraftLine> lines = lines(body.lines(), errors);
        if (!errors.isEmpty()) throw ProblemException.unprocessable(ProblemException.Message.of("supplierInvoice.notCreated"), errors);
        SupplierInvoice draft = invoices.draft(access.companyId(), new SupplierInvoices.Draft(body.supplierId(), kind, body.supplierNumber(), issued, due, vat, lines));
        return ResponseEntity.created(URI.create("/api/v1/companies/" + access.companyId() + "/supplier-invoices/" + draft.id())).body(SupplierInvoiceView.of(draft));
    }

    record DraftUpdateBody(String vat, List<LineBody> lines) {}

    @PutMapping("/supplier-invoices/{id}")
    SupplierInvoiceView update(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id, @RequestBody DraftUpdateBody body) {
        access.requireBookkeeper();
        List<FieldError> errors = new ArrayList<>();
        Long vat = body.vat() == null ? null : Params.amount("vat", body.vat(), errors);
        List<SupplierInvoices.DraftLine> lines = lines(body.lines(), errors);
        if (!errors.isEmpty()) throw ProblemException.unprocessable(ProblemException.Message.of("supplierInvoice.notSaved"), errors);
        return SupplierInvoiceView.of(invoices.update(access.companyId(), id, lines, vat));
    }

    @GetMapping("/supplier-invoices")
    Items<SupplierInvoiceView> list(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam(required = false) String status) {
        Invoice.Status wanted = status == null ? null : Params.enumValue(Invoice.Status.class, status, "status", "invoice.status");
        return new Items<>(invoices.list(access.companyId(), wanted).stream().map(SupplierInvoiceView::of).toList());
    }

    @GetMapping("/supplier-invoices/{id}")
    SupplierInvoiceView invoice(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id) {
        return SupplierInvoiceView.of(invoices.invoice(access.companyId(), id));
    }

    @DeleteMapping("/supplier-invoices/{id}")
    ResponseEntity<Void> delete(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id) {
        access.requireBookkeeper();
        invoices.deleteDraft(access.companyId(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/supplier-invoices/{id}/booking")
    ResponseEntity<SupplierInvoiceView> book(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                             @RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, @PathVariable long id) {
        access.requireBookkeeper();
        return ResponseEntity.status(201).body(SupplierInvoiceView.of(invoices.book(access.companyId(), principal.userId(), id)));
    }

    record PaymentBody(String date, String amount, Integer bankAccount) {}

    @PostMapping("/supplier-invoices/{id}/payments")
    ResponseEntity<SupplierInvoiceView> pay(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                            @RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal, @PathVariable long id,
                                            @RequestBody PaymentBody body) {
        access.requireBookkeeper();
        List<FieldError> errors = new ArrayList<>();
        Long amount = Params.amount("amount", body.amount(), errors);
        if (!errors.isEmpty()) throw ProblemException.unprocessable(ProblemException.Message.of("payment.notRegistered"), errors);
        return ResponseEntity.status(201).body(SupplierInvoiceView.of(invoices.pay(access.companyId(), principal.userId(), id,
                Params.optionalDate("date", body.date()), amount, body.bankAccount())));
    }

    record IntakeView(SupplierInvoiceView draft, boolean supplierCreated) {}

    /** An e-invoice as received: the Peppol BIS 3 or OIOUBL 2.1 XML as the body (application/xml). */
    @PostMapping(path = "/supplier-invoices/intake", consumes = "*/*")
    ResponseEntity<IntakeView> intake(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                      @RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                                      @RequestHeader(name = "Content-Type", required = false) String contentType,
                                      @RequestParam(required = false) String fileName, @RequestBody(required = false) byte[] body) {
        access.requireBookkeeper();
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/xml") && !type.equals("text/xml")) {
            throw new ProblemException(415, "Unsupported media type", ProblemException.Message.of("intake.refused"),
                    List.of(FieldError.of("Content-Type", "intake.notXmlType", type)));
        }
        SupplierInvoices.Intake intake = invoices.intake(access.companyId(), principal.userId(), identity.company(access).cvr(),
                body == null ? new byte[0] : body, fileName);
        return ResponseEntity.created(URI.create("/api/v1/companies/" + access.companyId() + "/supplier-invoices/" + intake.draft().id()))
                .body(new IntakeView(SupplierInvoiceView.of(intake.draft()), intake.supplierCreated()));
    }

    record PayableView(long invoiceId, Invoice.Kind kind, long supplierId, String supplierName, String supplierNumber, LocalDate dueDate,
                       String total, String open, long daysLate, Receivables.Age age) {}

    record PayablesView(LocalDate at, List<PayableView> items, Map<Receivables.Age, String> byAge, String total) {}

    @GetMapping("/payables")
    PayablesView payables(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam(required = false) String at,
                          @RequestParam(required = false) Long supplierId) {
        SupplierInvoices.Payables p = invoices.payables(access.companyId(), Params.optionalDate("at", at), supplierId);
        Map<Receivables.Age, String> byAge = new EnumMap<>(Receivables.Age.class);
        p.byAge().forEach((age, sum) -> byAge.put(age, Amounts.format(sum)));
        return new PayablesView(p.at(), p.items().stream().map(i -> new PayableView(i.invoice().id(), i.invoice().kind(), i.invoice().supplier().id(),
                i.invoice().supplier().name(), i.invoice().supplierNumber(), i.invoice().dueDate(), Amounts.format(i.invoice().total()),
                Amounts.format(i.open()), i.daysLate(), i.age())).toList(), byAge, Amounts.format(p.total()));
    }

    private static List<SupplierInvoices.DraftLine> lines(List<LineBody> bodies, List<FieldError> errors) {
        List<SupplierInvoices.DraftLine> lines = new ArrayList<>();
        if (bodies == null) return lines;
        for (int i = 0; i < bodies.size(); i++) {
            LineBody l = bodies.get(i);
            if (l == null) {
                errors.add(FieldError.of("lines[" + i + "]", "required"));
                continue;
            }
            lines.add(new SupplierInvoices.DraftLine(l.description(), l.net() == null ? null : Params.amount("lines[" + i + "].net", l.net(), errors), l.account(), l.vatCode()));
        }
        return lines;
    }
}
