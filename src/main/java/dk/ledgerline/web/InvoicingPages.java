package dk.ledgerline.web;

import dk.ledgerline.identity.AuthenticationFilter;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Principal;
import dk.ledgerline.invoicing.Customer;
import dk.ledgerline.invoicing.Customers;
import dk.ledgerline.invoicing.Invoice;
import dk.ledgerline.invoicing.Invoices;
import dk.ledgerline.invoicing.InvoicingProfile;
import dk.ledgerline.invoicing.InvoicingProfiles;
import dk.ledgerline.invoicing.Product;
import dk.ledgerline.invoicing.ProductKind;
import dk.ledgerline.invoicing.Products;
import dk.ledgerline.invoicing.Receivables;
import dk.ledgerline.invoicing.Registers;
import dk.ledgerline.invoicing.Reminders;
import dk.ledgerline.invoicing.VatZone;
import dk.ledgerline.shared.ProblemException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Invoicing in the browser: invoices (list, new draft, one invoice with booking, crediting and
 * payments), customers, products, the open items by age, and the company's invoicing profile.
 */
@Controller
public class InvoicingPages {
    /** Line rows on a new invoice; an invoice with more is written through the API. */
    static final int FORM_LINES = 8;

    private final Invoices invoices;
    private final Customers customers;
    private final Products products;
    private final Receivables receivables;
    private final InvoicingProfiles profiles;
    private final Reminders reminders;
    private final Registers registers;
    private final Frames frames;
    private final Clock clock;

    InvoicingPages(Invoices invoices, Customers customers, Products products, Receivables receivables, InvoicingProfiles profiles,
                   Frames frames, Clock clock, Reminders reminders, Registers registers) {
        this.registers = registers;
        this.reminders = reminders;
        this.invoices = invoices;
        this.customers = customers;
        this.products = products;
        this.receivables = receivables;
        this.profiles = profiles;
        this.frames = frames;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------ invoices

    public record InvoicesPage(Frame frame, List<Invoice> invoices, String status, String notice) {}

    @GetMapping("/companies/{companyId}/invoices")
    ModelAndView list(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                      @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                      @RequestParam(required = false) String status, @RequestParam(required = false) Long deleted) {
        Invoice.Status wanted = "DRAFT".equals(status) ? Invoice.Status.DRAFT : "BOOKED".equals(status) ? Invoice.Status.BOOKED : null;
        Frame frame = frames.company(principal, access, Languages.t("title.invoices"), Frame.Section.INVOICES);
        return Pages.render("invoices", new InvoicesPage(frame, invoices.list(access.companyId(), null, wanted), wanted == null ? "" : wanted.name(),
                deleted == null ? null : Languages.t("notice.draftDeleted")));
    }

    /** The rows of a new invoice as typed: each row's product, description, quantity and unit price, in order. */
    public record InvoiceForm(String customerId, String issueDate, String note, List<String> productId, List<String> description,
                              List<String> quantity, List<String> unitPrice) {
        static InvoiceForm empty(LocalDate today) {
            List<String> blank = java.util.Collections.nCopies(FORM_LINES, "");
            return new InvoiceForm("", Labels.date(today), "", blank, blank, blank, blank);
        }

        public String at(List<String> values, int row) {
            return values == null || row >= values.size() || values.get(row) == null ? "" : values.get(row);
        }

        public int rows() {
            return FORM_LINES;
        }
    }

    public record NewInvoicePage(Frame frame, List<Customer> customers, List<Product> products, InvoiceForm form, Failure failure) {}

    @GetMapping("/companies/{companyId}/invoices/new")
    ModelAndView newInvoice(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                            @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam(required = false) Long customer) {
        InvoiceForm form = InvoiceForm.empty(LocalDate.now(clock));
        if (customer != null) form = new InvoiceForm(customer.toString(), form.issueDate(), "", form.productId(), form.description(), form.quantity(), form.unitPrice());
        return newInvoicePage(principal, access, form, null, 200);
    }

    @PostMapping("/companies/{companyId}/invoices")
    ModelAndView createInvoice(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                               @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, InvoiceForm form) {
        access.requireBookkeeper();
        try {
            FormFields fields = new FormFields();
            Integer customerId = fields.wholeNumber("customerId", form.customerId());
            LocalDate issued = fields.date("date", form.issueDate());
            List<Invoices.DraftLine> lines = new ArrayList<>();
            for (int row = 0; row < FORM_LINES; row++) {
                String product = form.at(form.productId(), row).strip(), description = form.at(form.description(), row).strip();
                String quantity = form.at(form.quantity(), row).strip(), price = form.at(form.unitPrice(), row).strip();
                if (product.isEmpty() && description.isEmpty() && quantity.isEmpty() && price.isEmpty()) continue;
                String field = "lines[" + lines.size() + "]";
                BigDecimal q = quantity.isEmpty() ? BigDecimal.ONE : quantity(fields, field + ".quantity", quantity);
                Long unitPrice = price.isEmpty() ? null : fields.amount(field + ".unitPrice", price);
                Integer productId = product.isEmpty() ? null : fields.wholeNumber(field + ".productId", product);
                lines.add(new Invoices.DraftLine(productId == null ? null : productId.longValue(), description.isEmpty() ? null : description, q, unitPrice, null));
            }
            fields.throwIfAny("invoice.notCreated");
            Invoice draft = invoices.draft(access.companyId(), new Invoices.Draft(customerId, issued, form.note(), lines));
            return Pages.seeOther("/companies/" + access.companyId() + "/invoices/" + draft.id());
        } catch (ProblemException e) {
            return newInvoicePage(principal, access, form, Failure.of(e), e.status());
        }
    }

    private static BigDecimal quantity(FormFields fields, String field, String text) {
        try {
            return new BigDecimal(text.replace(" ", "").replace(',', '.'));
        } catch (NumberFormatException e) {
            fields.add(field, "form.quantity");
            return null;
        }
    }

    private ModelAndView newInvoicePage(Principal principal, CompanyAccess access, InvoiceForm form, Failure failure, int status) {
        Frame frame = frames.company(principal, access, Languages.t("title.newInvoice"), Frame.Section.INVOICES);
        return Pages.render("invoiceNew", new NewInvoicePage(frame, customers.search(access.companyId(), null), products.search(access.companyId(), null),
                form, failure), status);
    }

    public record PaymentForm(String date, String amount) {}

    public record InvoicePage(Frame frame, Invoice invoice, String notice, PaymentForm payment, Failure failure, List<Reminders.Reminder> reminders,
                              LocalDate today) {
        public boolean draft() {
            return invoice.status() == Invoice.Status.DRAFT;
        }

        /** A reminder may be sent: the invoice is overdue and open, and fewer than three have been. */
        public boolean remindable() {
            return invoice.kind() == Invoice.Kind.INVOICE && !draft() && invoice.open() > 0 && today.isAfter(invoice.dueDate())
                    && reminders.size() < Reminders.REMINDERS_MAX;
        }
    }

    @GetMapping("/companies/{companyId}/invoices/{id}")
    ModelAndView invoice(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                         @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id,
                         @RequestParam(required = false) String done) {
        String notice = done == null ? null : switch (done) {
            case "booked" -> Languages.t("notice.invoiceBooked");
            case "credited" -> Languages.t("notice.creditNoteBooked");
            case "paid" -> Languages.t("notice.paymentRegistered");
            case "reminded" -> Languages.t("notice.reminderSent");
            default -> null;
        };
        Invoice invoice = invoices.invoice(access.companyId(), id);
        return invoicePage(principal, access, invoice, notice, new PaymentForm(Labels.date(LocalDate.now(clock)), DanishAmounts.format(invoice.open())), null, 200);
    }

    private ModelAndView invoicePage(Principal principal, CompanyAccess access, Invoice invoice, String notice, PaymentForm payment, Failure failure, int status) {
        String title = invoice.number() == null ? Languages.t("title.invoiceDraft", invoice.customer().name())
                : Languages.t(invoice.kind() == Invoice.Kind.INVOICE ? "title.invoice" : "title.creditNote", invoice.number());
        Frame frame = frames.company(principal, access, title, Frame.Section.INVOICES);
        return Pages.render("invoice", new InvoicePage(frame, invoice, notice, payment, failure,
                invoice.status() == Invoice.Status.BOOKED ? reminders.of(access.companyId(), invoice.id()) : List.of(), LocalDate.now(clock)), status);
    }

    @PostMapping("/companies/{companyId}/invoices/{id}/booking")
    ModelAndView book(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                      @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id) {
        access.requireBookkeeper();
        try {
            invoices.book(access.companyId(), principal.userId(), id);
            return Pages.seeOther("/companies/" + access.companyId() + "/invoices/" + id + "?done=booked");
        } catch (ProblemException e) {
            Invoice invoice = invoices.invoice(access.companyId(), id);
            return invoicePage(principal, access, invoice, null, new PaymentForm("", ""), Failure.of(e), e.status());
        }
    }

    @PostMapping("/companies/{companyId}/invoices/{id}/delete")
    ModelAndView delete(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id) {
        access.requireBookkeeper();
        invoices.deleteDraft(access.companyId(), id);
        return Pages.seeOther("/companies/" + access.companyId() + "/invoices?deleted=" + id);
    }

    @PostMapping("/companies/{companyId}/invoices/{id}/credit-note")
    ModelAndView credit(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                        @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id) {
        access.requireBookkeeper();
        try {
            Invoice note = invoices.creditNote(access.companyId(), principal.userId(), id, null);
            return Pages.seeOther("/companies/" + access.companyId() + "/invoices/" + note.id() + "?done=credited");
        } catch (ProblemException e) {
            Invoice invoice = invoices.invoice(access.companyId(), id);
            return invoicePage(principal, access, invoice, null, new PaymentForm("", ""), Failure.of(e), e.status());
        }
    }

    @PostMapping("/companies/{companyId}/invoices/{id}/payments")
    ModelAndView pay(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                     @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id, PaymentForm form) {
        access.requireBookkeeper();
        try {
            FormFields fields = new FormFields();
            LocalDate date = fields.date("date", form.date());
            Long amount = fields.amount("amount", form.amount());
            fields.throwIfAny("payment.notRegistered");
            receivables.pay(access.companyId(), principal.userId(), id, date, amount, null);
            return Pages.seeOther("/companies/" + access.companyId() + "/invoices/" + id + "?done=paid");
        } catch (ProblemException e) {
            Invoice invoice = invoices.invoice(access.companyId(), id);
            return invoicePage(principal, access, invoice, null, form, Failure.of(e), e.status());
        }
    }

    public record ReminderForm(String date, String fee) {}

    @PostMapping("/companies/{companyId}/invoices/{id}/reminders")
    ModelAndView remind(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                        @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id, ReminderForm form) {
        access.requireBookkeeper();
        try {
            FormFields fields = new FormFields();
            LocalDate date = fields.optionalDate("date", form.date());
            Long fee = form.fee() == null || form.fee().isBlank() ? 0L : fields.amount("fee", form.fee());
            fields.throwIfAny("reminder.notSent");
            reminders.send(access.companyId(), principal.userId(), id, date, fee);
            return Pages.seeOther("/companies/" + access.companyId() + "/invoices/" + id + "?done=reminded");
        } catch (ProblemException e) {
            Invoice invoice = invoices.invoice(access.companyId(), id);
            return invoicePage(principal, access, invoice, null, new PaymentForm("", ""), Failure.of(e), e.status());
        }
    }

    // ------------------------------------------------------------------------------------------ open items

    public record OpenItemsPage(Frame frame, Receivables.OpenItems items) {
        public List<Receivables.Age> ages() {
            return List.of(Receivables.Age.values());
        }
    }

    @GetMapping("/companies/{companyId}/open-items")
    ModelAndView openItems(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                           @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam(required = false) String at,
                           @RequestParam(required = false) Long customer) {
        FormFields fields = new FormFields();
        LocalDate day = fields.optionalDate("at", at);
        fields.throwIfAny("form.dateUnreadable");
        String title = customer == null ? Languages.t("title.openItems") : Languages.t("title.openItemsOf", customers.customer(access.companyId(), customer).name());
        Frame frame = frames.company(principal, access, title, Frame.Section.INVOICES);
        return Pages.render("openItems", new OpenItemsPage(frame, receivables.openItems(access.companyId(), day, customer)));
    }

    // ------------------------------------------------------------------------------------------ customers

    public record CustomerForm(String name, String cvr, String ean, String address, String postalCode, String city, String country,
                               String email, String paymentDays, String vatZone, String vatNumber) {
        static final CustomerForm EMPTY = new CustomerForm("", "", "", "", "", "", "DK", "", "8", VatZone.DOMESTIC.name(), "");
    }

    public record ImportForm(String csv) {
        static final ImportForm EMPTY = new ImportForm("");
    }

    public record CustomersPage(Frame frame, List<Customer> customers, String q, String notice, CustomerForm form, Failure failure,
                                ImportForm importForm, Failure importFailure) {
        public List<VatZone> zones() {
            return List.of(VatZone.values());
        }
    }

    @GetMapping("/companies/{companyId}/customers")
    ModelAndView customers(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                           @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                           @RequestParam(required = false) String q, @RequestParam(required = false) Integer created,
                           @RequestParam(required = false) Integer imported) {
        String notice = created != null ? Languages.t("notice.customerCreated", created) : imported != null ? Languages.t("notice.imported", imported) : null;
        return customersPage(principal, access, q, notice, CustomerForm.EMPTY, null, ImportForm.EMPTY, null, 200);
    }

    @PostMapping("/companies/{companyId}/customers/import")
    ModelAndView importCustomers(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                                 @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, ImportForm form) {
        access.requireBookkeeper();
        try {
            int created = registers.importCustomers(access.companyId(), form.csv());
            return Pages.seeOther("/companies/" + access.companyId() + "/customers?imported=" + created);
        } catch (ProblemException e) {
            return customersPage(principal, access, null, null, CustomerForm.EMPTY, null, form, Failure.of(e), e.status());
        }
    }

    @PostMapping("/companies/{companyId}/customers")
    ModelAndView createCustomer(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                                @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, CustomerForm form) {
        access.requireBookkeeper();
        try {
            Customer created = customers.create(access.companyId(), party(form, "customer.notCreated"));
            return Pages.seeOther("/companies/" + access.companyId() + "/customers?created=" + created.number());
        } catch (ProblemException e) {
            return customersPage(principal, access, null, null, form, Failure.of(e), ImportForm.EMPTY, null, e.status());
        }
    }

    /** A customer's or supplier's form as the party it describes, its number and VAT zone read; what cannot be read is refused as {@code notCreated}. */
    static Customer party(CustomerForm form, String notCreated) {
        FormFields fields = new FormFields();
        Integer days = fields.wholeNumber("paymentDays", form.paymentDays());
        VatZone zone = null;
        for (VatZone z : VatZone.values()) if (z.name().equals(form.vatZone())) zone = z;
        fields.throwIfAny(notCreated);
        return new Customer(0, 0, form.name(), form.cvr(), form.ean(), form.address(), form.postalCode(), form.city(), form.country(), form.email(),
                days, zone, form.vatNumber());
    }

    private ModelAndView customersPage(Principal principal, CompanyAccess access, String q, String notice, CustomerForm form, Failure failure,
                                       ImportForm importForm, Failure importFailure, int status) {
        Frame frame = frames.company(principal, access, Languages.t("title.customers"), Frame.Section.INVOICES);
        return Pages.render("customers", new CustomersPage(frame, customers.search(access.companyId(), q), q == null ? "" : q, notice, form, failure,
                importForm, importFailure), status);
    }

    // ------------------------------------------------------------------------------------------ products

    public record ProductForm(String number, String name, String unit, String unitPrice, String kind, String revenueAccount) {
        static final ProductForm EMPTY = new ProductForm("", "", "stk.", "", ProductKind.SERVICES.name(), "");
    }

    public record ProductsPage(Frame frame, List<Product> products, String q, String notice, ProductForm form, Failure failure,
                               ImportForm importForm, Failure importFailure) {
        public List<ProductKind> kinds() {
            return List.of(ProductKind.values());
        }
    }

    @GetMapping("/companies/{companyId}/products")
    ModelAndView products(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                          @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access,
                          @RequestParam(required = false) String q, @RequestParam(required = false) String created,
                          @RequestParam(required = false) Integer imported) {
        String notice = created != null ? Languages.t("notice.productCreated", created) : imported != null ? Languages.t("notice.imported", imported) : null;
        return productsPage(principal, access, q, notice, ProductForm.EMPTY, null, ImportForm.EMPTY, null, 200);
    }

    @PostMapping("/companies/{companyId}/products/import")
    ModelAndView importProducts(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                                @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, ImportForm form) {
        access.requireBookkeeper();
        try {
            int created = registers.importProducts(access.companyId(), form.csv());
            return Pages.seeOther("/companies/" + access.companyId() + "/products?imported=" + created);
        } catch (ProblemException e) {
            return productsPage(principal, access, null, null, ProductForm.EMPTY, null, form, Failure.of(e), e.status());
        }
    }

    @PostMapping("/companies/{companyId}/products")
    ModelAndView createProduct(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                               @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, ProductForm form) {
        access.requireBookkeeper();
        try {
            FormFields fields = new FormFields();
            Long price = fields.amount("unitPrice", form.unitPrice());
            Integer account = fields.optionalWholeNumber("revenueAccount", form.revenueAccount());
            ProductKind kind = null;
            for (ProductKind k : ProductKind.values()) if (k.name().equals(form.kind())) kind = k;
            fields.throwIfAny("product.notCreated");
            Product created = products.create(access.companyId(), new Product(0, form.number(), form.name(), form.unit(), price, kind, account));
            return Pages.seeOther(Pages.path("/companies/" + access.companyId() + "/products").queryParam("created", created.number()).build().encode().toUriString());
        } catch (ProblemException e) {
            return productsPage(principal, access, null, null, form, Failure.of(e), ImportForm.EMPTY, null, e.status());
        }
    }

    private ModelAndView productsPage(Principal principal, CompanyAccess access, String q, String notice, ProductForm form, Failure failure,
                                      ImportForm importForm, Failure importFailure, int status) {
        Frame frame = frames.company(principal, access, Languages.t("title.products"), Frame.Section.INVOICES);
        return Pages.render("products", new ProductsPage(frame, products.search(access.companyId(), q), q == null ? "" : q, notice, form, failure,
                importForm, importFailure), status);
    }

    // ------------------------------------------------------------------------------------------ the invoicing profile

    public record ProfilePage(Frame frame, InvoicingProfile profile, String notice, Failure failure) {}

    @GetMapping("/companies/{companyId}/invoicing-profile")
    ModelAndView profile(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                         @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @RequestParam(required = false) String saved) {
        Frame frame = frames.company(principal, access, Languages.t("title.invoicingProfile"), Frame.Section.INVOICES);
        return Pages.render("invoicingProfile", new ProfilePage(frame, profiles.profile(access.companyId()),
                saved == null ? null : Languages.t("notice.profileSaved"), null));
    }

    @PostMapping("/companies/{companyId}/invoicing-profile")
    ModelAndView saveProfile(@RequestAttribute(AuthenticationFilter.PRINCIPAL) Principal principal,
                             @RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, InvoicingProfile form) {
        access.requireOwner();
        try {
            profiles.save(access.companyId(), form);
            return Pages.seeOther("/companies/" + access.companyId() + "/invoicing-profile?saved=1");
        } catch (ProblemException e) {
            Frame frame = frames.company(principal, access, Languages.t("title.invoicingProfile"), Frame.Section.INVOICES);
            return Pages.render("invoicingProfile", new ProfilePage(frame, form, null, Failure.of(e)), e.status());
        }
    }
}
