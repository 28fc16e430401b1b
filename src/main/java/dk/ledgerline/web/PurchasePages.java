package dk.ledgerline.web;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.invoicing.Customer;
import dk.ledgerline.invoicing.Invoice;
import dk.ledgerline.invoicing.Receivables;
import dk.ledgerline.invoicing.Registers;
import dk.ledgerline.invoicing.Supplier;
import dk.ledgerline.invoicing.SupplierInvoice;
import dk.ledgerline.invoicing.SupplierInvoices;
import dk.ledgerline.invoicing.Suppliers;
import dk.ledgerline.invoicing.VatZone;
import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.ledger.Ledger;
import dk.ledgerline.shared.ProblemException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Purchases in the browser: supplier invoices (received e-invoices dropped on the page, or entered
 * in rows), a draft completed with accounts and VAT codes and booked, payments, what is owed by age
 * (kreditorer), and the suppliers.
 */
@Controller
public class PurchasePages {
    static final int FORM_LINES = 6;
    static final List<String> VAT_CODES = List.of("I25", "EUV", "EUY", "UDY", "FRI");

    private final SupplierInvoices invoices;
    private final Suppliers suppliers;
    private final Ledger ledger;
    private final Identity identity;
    private final Frames frames;
    private final Clock clock;
    private final Registers registers;

    PurchasePages(SupplierInvoices invoices, Suppliers suppliers, Ledger ledger, Identity identity, Frames frames, Clock clock, Registers registers) {
        this.registers = registers;
        this.invoices = invoices;
        this.suppliers = suppliers;
        this.ledger = ledger;
        this.identity = identity;
        this.frames = frames;
        this.clock = clock;
    }

    public record SupplierInvoicesPage(Frame frame, List<SupplierInvoice> invoices, String notice) {}

    @GetMapping("/companies/{companyId}/supplier-invoices")
    ModelAndView list(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                      @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam(required = false) Long deleted) {
        Frame frame = frames.company(principal, access, Languages.t("title.supplierInvoices"), Frame.Section.INVOICES);
        return Pages.render("supplierInvoices", new SupplierInvoicesPage(frame, invoices.list(access.companyId(), null),
                deleted == null ? null : Languages.t("notice.draftDeleted")));
    }

    /** An e-invoice dropped on the page: answered in JSON for the script, with where its draft is. */
    @PostMapping(path = "/companies/{companyId}/supplier-invoices/intake", consumes = "*/*")
    ResponseEntity<Map<String, Object>> intake(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                                               @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                                               @RequestParam(required = false) String fileName,
                                               @RequestHeader(name = "Content-Type", required = false) String contentType,
                                               @RequestBody(required = false) byte[] body) {
        access.requireBookkeeper();
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            String type = contentType == null ? "" : contentType.split(";", 2)[0].trim();
            if (!type.equals("application/xml") && !type.equals("text/xml") && !(fileName != null && fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".xml"))) {
                throw ProblemException.unprocessable(ProblemException.Message.of("intake.refused"),
                        List.of(ProblemException.FieldError.of("file", "intake.notXmlType", type)));
            }
            SupplierInvoices.Intake intake = invoices.intake(access.companyId(), principal.userId(), identity.company(access).cvr(),
                    body == null ? new byte[0] : body, fileName);
            answer.put("message", Languages.t("notice.eInvoiceReceived", intake.draft().supplierNumber(), intake.draft().supplier().name()));
            answer.put("location", "/companies/" + access.companyId() + "/supplier-invoices/" + intake.draft().id());
            return ResponseEntity.status(201).contentType(MediaType.APPLICATION_JSON).body(answer);
        } catch (ProblemException e) {
            answer.put("message", Failure.of(e).sentence());
            return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(answer);
        }
    }

    /** Rows of a supplier invoice as typed or shown: text, net amount, account and VAT code. */
    public record LinesForm(String supplierId, String supplierNumber, String issueDate, String vat, List<String> description, List<String> net,
                            List<String> account, List<String> vatCode) {
        public String at(List<String> values, int row) {
            return values == null || row >= values.size() || values.get(row) == null ? "" : values.get(row);
        }

        static LinesForm of(SupplierInvoice invoice) {
            List<String> d = new ArrayList<>(), n = new ArrayList<>(), a = new ArrayList<>(), v = new ArrayList<>();
            for (SupplierInvoice.Line l : invoice.lines()) {
                d.add(l.description());
                n.add(DanishAmounts.format(l.net()));
                a.add(l.account() == null ? "" : String.valueOf(l.account()));
                v.add(l.vatCode() == null ? "" : l.vatCode());
            }
            return new LinesForm(String.valueOf(invoice.supplier().id()), invoice.supplierNumber(), Labels.date(invoice.issueDate()),
                    DanishAmounts.format(Math.abs(invoice.vat())), d, n, a, v);
        }
    }

    public record PaymentForm(String date, String amount) {}

    public record SupplierInvoicePage(Frame frame, SupplierInvoice invoice, LinesForm lines, List<Account> accounts, List<String> vatCodes,
                                      PaymentForm payment, String notice, Failure failure) {
        public boolean draft() {
            return invoice.status() == Invoice.Status.DRAFT;
        }

        public int rows() {
            return invoice.lines().size();
        }
    }

    @GetMapping("/companies/{companyId}/supplier-invoices/{id}")
    ModelAndView invoice(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                         @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id,
                         @RequestParam(required = false) String done) {
        SupplierInvoice invoice = invoices.invoice(access.companyId(), id);
        String notice = done == null ? null : switch (done) {
            case "saved" -> Languages.t("notice.draftSaved");
            case "booked" -> Languages.t("notice.supplierInvoiceBooked");
            case "paid" -> Languages.t("notice.paymentRegistered");
            default -> null;
        };
        return invoicePage(principal, access, invoice, LinesForm.of(invoice), new PaymentForm(Labels.date(LocalDate.now(clock)),
                DanishAmounts.format(invoice.open())), notice, null, 200);
    }

    private ModelAndView invoicePage(Principal principal, CompanyAccess access, SupplierInvoice invoice, LinesForm lines, PaymentForm payment,
                                     String notice, Failure failure, int status) {
        Frame frame = frames.company(principal, access, Languages.t("title.supplierInvoice", invoice.supplierNumber(), invoice.supplier().name()),
                Frame.Section.INVOICES);
        return Pages.render("supplierInvoice", new SupplierInvoicePage(frame, invoice, lines, expenseAccounts(access.companyId()), VAT_CODES,
                payment, notice, failure), status);
    }

    private List<Account> expenseAccounts(long companyId) {
        return ledger.accounts(companyId).stream().filter(a -> a.type() == AccountType.EXPENSE || a.type() == AccountType.ASSET).toList();
    }

    @PostMapping("/companies/{companyId}/supplier-invoices/{id}/lines")
    ModelAndView saveLines(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                           @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id, LinesForm form) {
        access.requireBookkeeper();
        try {
            FormFields fields = new FormFields();
            List<SupplierInvoices.DraftLine> lines = lines(form, fields, form.description() == null ? 0 : form.description().size());
            Long vat = form.vat() == null || form.vat().isBlank() ? null : fields.amount("vat", form.vat());
            fields.throwIfAny("supplierInvoice.notSaved");
            invoices.update(access.companyId(), id, lines, vat);
            return Pages.seeOther("/companies/" + access.companyId() + "/supplier-invoices/" + id + "?done=saved");
        } catch (ProblemException e) {
            SupplierInvoice invoice = invoices.invoice(access.companyId(), id);
            return invoicePage(principal, access, invoice, form, new PaymentForm("", ""), null, Failure.of(e), e.status());
        }
    }

    @PostMapping("/companies/{companyId}/supplier-invoices/{id}/booking")
    ModelAndView book(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                      @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id) {
        access.requireBookkeeper();
        try {
            invoices.book(access.companyId(), principal.userId(), id);
            return Pages.seeOther("/companies/" + access.companyId() + "/supplier-invoices/" + id + "?done=booked");
        } catch (ProblemException e) {
            SupplierInvoice invoice = invoices.invoice(access.companyId(), id);
            return invoicePage(principal, access, invoice, LinesForm.of(invoice), new PaymentForm("", ""), null, Failure.of(e), e.status());
        }
    }

    @PostMapping("/companies/{companyId}/supplier-invoices/{id}/delete")
    ModelAndView delete(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id) {
        access.requireBookkeeper();
        invoices.deleteDraft(access.companyId(), id);
        return Pages.seeOther("/companies/" + access.companyId() + "/supplier-invoices?deleted=" + id);
    }

    @PostMapping("/companies/{companyId}/supplier-invoices/{id}/payments")
    ModelAndView pay(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                     @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id, PaymentForm form) {
        access.requireBookkeeper();
        try {
            FormFields fields = new FormFields();
            LocalDate date = fields.date("date", form.date());
            Long amount = fields.amount("amount", form.amount());
            fields.throwIfAny("payment.notRegistered");
            invoices.pay(access.companyId(), principal.userId(), id, date, amount, null);
            return Pages.seeOther("/companies/" + access.companyId() + "/supplier-invoices/" + id + "?done=paid");
        } catch (ProblemException e) {
            SupplierInvoice invoice = invoices.invoice(access.companyId(), id);
            return invoicePage(principal, access, invoice, LinesForm.of(invoice), form, null, Failure.of(e), e.status());
        }
    }

    public record NewSupplierInvoicePage(Frame frame, List<Supplier> suppliers, List<Account> accounts, List<String> vatCodes, LinesForm form,
                                         Failure failure) {
        public int rows() {
            return FORM_LINES;
        }
    }

    @GetMapping("/companies/{companyId}/supplier-invoices/new")
    ModelAndView newInvoice(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                            @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access) {
        return newPage(principal, access, new LinesForm("", "", Labels.date(LocalDate.now(clock)), "", List.of(), List.of(), List.of(), List.of()), null, 200);
    }

    @PostMapping("/companies/{companyId}/supplier-invoices")
    ModelAndView create(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                        @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, LinesForm form) {
        access.requireBookkeeper();
        try {
            FormFields fields = new FormFields();
            Integer supplierId = fields.wholeNumber("supplierId", form.supplierId());
            LocalDate issued = fields.date("issueDate", form.issueDate());
            Long vat = form.vat() == null || form.vat().isBlank() ? null : fields.amount("vat", form.vat());
            List<SupplierInvoices.DraftLine> lines = lines(form, fields, FORM_LINES);
            fields.throwIfAny("supplierInvoice.notCreated");
            SupplierInvoice draft = invoices.draft(access.companyId(), new SupplierInvoices.Draft(supplierId, Invoice.Kind.INVOICE, form.supplierNumber(),
                    issued, null, vat, lines));
            return Pages.seeOther("/companies/" + access.companyId() + "/supplier-invoices/" + draft.id());
        } catch (ProblemException e) {
            return newPage(principal, access, form, Failure.of(e), e.status());
        }
    }

    private ModelAndView newPage(Principal principal, CompanyAccess access, LinesForm form, Failure failure, int status) {
        Frame frame = frames.company(principal, access, Languages.t("title.newSupplierInvoice"), Frame.Section.INVOICES);
        return Pages.render("supplierInvoiceNew", new NewSupplierInvoicePage(frame, suppliers.search(access.companyId(), null),
                expenseAccounts(access.companyId()), VAT_CODES, form, failure), status);
    }

    /** The rows that say anything, as draft lines; an empty row is left out. */
    private static List<SupplierInvoices.DraftLine> lines(LinesForm form, FormFields fields, int rows) {
        List<SupplierInvoices.DraftLine> lines = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            String description = form.at(form.description(), row).strip(), net = form.at(form.net(), row).strip();
            String account = form.at(form.account(), row).strip(), vatCode = form.at(form.vatCode(), row).strip();
            if (description.isEmpty() && net.isEmpty() && account.isEmpty()) continue;
            String field = "lines[" + lines.size() + "]";
            Long amount = net.isEmpty() ? null : fields.amount(field + ".net", net);
            Integer accountNumber = account.isEmpty() ? null : fields.wholeNumber(field + ".account", account);
            lines.add(new SupplierInvoices.DraftLine(description, amount, accountNumber, vatCode.isEmpty() ? null : vatCode));
        }
        return lines;
    }

    public record PayablesPage(Frame frame, SupplierInvoices.Payables payables) {
        public List<Receivables.Age> ages() {
            return List.of(Receivables.Age.values());
        }
    }

    @GetMapping("/companies/{companyId}/payables")
    ModelAndView payables(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                          @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam(required = false) String at,
                          @RequestParam(required = false) Long supplier) {
        FormFields fields = new FormFields();
        LocalDate day = fields.optionalDate("at", at);
        fields.throwIfAny("form.dateUnreadable");
        String title = supplier == null ? Languages.t("title.payables") : Languages.t("title.payablesTo", suppliers.supplier(access.companyId(), supplier).name());
        Frame frame = frames.company(principal, access, title, Frame.Section.INVOICES);
        return Pages.render("payables", new PayablesPage(frame, invoices.payables(access.companyId(), day, supplier)));
    }

    public record SuppliersPage(Frame frame, List<Supplier> suppliers, String q, String notice, InvoicingPages.CustomerForm form, Failure failure,
                                InvoicingPages.ImportForm importForm, Failure importFailure) {
        public List<VatZone> zones() {
            return List.of(VatZone.values());
        }
    }

    @GetMapping("/companies/{companyId}/suppliers")
    ModelAndView suppliers(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                           @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                           @RequestParam(required = false) String q, @RequestParam(required = false) Integer created,
                           @RequestParam(required = false) Integer imported) {
        String notice = created != null ? Languages.t("notice.supplierCreated", created) : imported != null ? Languages.t("notice.imported", imported) : null;
        return suppliersPage(principal, access, q, notice, InvoicingPages.CustomerForm.EMPTY, null, InvoicingPages.ImportForm.EMPTY, null, 200);
    }

    @PostMapping("/companies/{companyId}/suppliers/import")
    ModelAndView importSuppliers(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                                 @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, InvoicingPages.ImportForm form) {
        access.requireBookkeeper();
        try {
            int created = registers.importSuppliers(access.companyId(), form.csv());
            return Pages.seeOther("/companies/" + access.companyId() + "/suppliers?imported=" + created);
        } catch (ProblemException e) {
            return suppliersPage(principal, access, null, null, InvoicingPages.CustomerForm.EMPTY, null, form, Failure.of(e), e.status());
        }
    }

    @PostMapping("/companies/{companyId}/suppliers")
    ModelAndView createSupplier(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                                @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, InvoicingPages.CustomerForm form) {
        access.requireBookkeeper();
        try {
            Customer party = InvoicingPages.party(form, "supplier.notCreated");
            Supplier created = suppliers.create(access.companyId(), new Supplier(0, 0, party.name(), party.cvr(), party.ean(), party.address(),
                    party.postalCode(), party.city(), party.country(), party.email(), party.paymentDays(), party.vatZone(), party.vatNumber()));
            return Pages.seeOther("/companies/" + access.companyId() + "/suppliers?created=" + created.number());
        } catch (ProblemException e) {
            return suppliersPage(principal, access, null, null, form, Failure.of(e), InvoicingPages.ImportForm.EMPTY, null, e.status());
        }
    }

    private ModelAndView suppliersPage(Principal principal, CompanyAccess access, String q, String notice, InvoicingPages.CustomerForm form,
                                       Failure failure, InvoicingPages.ImportForm importForm, Failure importFailure, int status) {
        Frame frame = frames.company(principal, access, Languages.t("title.suppliers"), Frame.Section.INVOICES);
        return Pages.render("suppliers", new SuppliersPage(frame, suppliers.search(access.companyId(), q), q == null ? "" : q, notice, form, failure,
                importForm, importFailure), status);
    }
}
