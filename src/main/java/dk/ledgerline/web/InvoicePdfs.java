package dk.ledgerline.web;

import dk.ledgerline.identity.Company;
import dk.ledgerline.identity.CompanyAccess;
import dk.ledgerline.identity.Identity;
import dk.ledgerline.invoicing.EInvoices;
import dk.ledgerline.invoicing.Invoice;
import dk.ledgerline.invoicing.Reminders;
import dk.ledgerline.invoicing.VatZone;
import dk.ledgerline.shared.Language;
import dk.ledgerline.shared.Texts;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;

/**
 * An invoice or credit note on paper, as the customer receives it: in Danish for a Danish customer,
 * in English for one abroad, whoever prints it.
 */
@Controller
public class InvoicePdfs {
    private final EInvoices eInvoices;
    private final Identity identity;
    private final PdfDocuments pdfs;
    private final Reminders reminders;

    InvoicePdfs(EInvoices eInvoices, Identity identity, PdfDocuments pdfs, Reminders reminders) {
        this.reminders = reminders;
        this.eInvoices = eInvoices;
        this.identity = identity;
        this.pdfs = pdfs;
    }

    /** What the invoice template reads: who sends it, the invoice whole, and the customer's language to print in. */
    public record InvoiceDocument(Company company, EInvoices.Printable printable, Texts t) {
        public Invoice invoice() {
            return printable.invoice();
        }

        public boolean creditNote() {
            return invoice().kind() == Invoice.Kind.CREDIT_NOTE;
        }

        public boolean reverseCharge() {
            return invoice().customer().vatZone() == VatZone.EU;
        }

        public boolean export() {
            return invoice().customer().vatZone() == VatZone.OUTSIDE_EU;
        }

        /** Amounts as the customer's language writes them: 1.250,00 or 1,250.00; a credit note's unsigned, its heading says what it is. */
        public String money(long minor) {
            BigDecimal value = BigDecimal.valueOf(creditNote() ? -minor : minor, 2);
            if (t.language() == Language.DA) return DanishAmounts.format(value.unscaledValue().longValueExact());
            return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.UK)).format(value);
        }

        public String quantity(BigDecimal quantity) {
            String plain = quantity.stripTrailingZeros().toPlainString();
            return t.language() == Language.DA ? plain.replace('.', ',') : plain;
        }

        public String date(LocalDate date) {
            return date.format(t.language() == Language.DA ? DateTimeFormatter.ofPattern("dd.MM.yyyy") : DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK));
        }
    }

    /** The e-invoice as a file to hand over or upload: peppol.xml or oioubl.xml. */
    @GetMapping("/companies/{companyId}/invoices/{id}/{format:peppol|oioubl}.xml")
    ResponseEntity<byte[]> eInvoice(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id, @PathVariable String format) {
        Company company = identity.company(access);
        EInvoices.Document document = eInvoices.document(access.companyId(), company.name(), company.cvr(), id,
                EInvoices.Format.valueOf(format.toUpperCase(Locale.ROOT)));
        return ResponseEntity.ok()
                .header("Content-Type", "application/xml")
                .header("Content-Disposition", "attachment; filename=\"" + document.fileName() + "\"")
                .body(document.xml());
    }

    /** A reminder on paper: the invoice's letter (who, in which language, how figures are written) and the reminder itself. */
    public record ReminderDocument(InvoiceDocument letter, Reminders.Reminder reminder) {}

    @GetMapping("/companies/{companyId}/invoices/{id}/reminders/{number}.pdf")
    ResponseEntity<byte[]> reminder(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id, @PathVariable int number) {
        EInvoices.Printable printable = eInvoices.printable(access.companyId(), id);
        Reminders.Reminder reminder = reminders.of(access.companyId(), id).stream().filter(r -> r.number() == number).findFirst()
                .orElseThrow(() -> dk.ledgerline.shared.ProblemException.notFound(dk.ledgerline.shared.ProblemException.Message.of("reminder.notFound", number)));
        return pdfs.download("rykker-" + number + "-faktura-" + printable.invoice().number() + ".pdf", "reminder",
                new ReminderDocument(new InvoiceDocument(identity.company(access), printable, customersTexts(printable.invoice())), reminder));
    }

    @GetMapping("/companies/{companyId}/invoices/{id}.pdf")
    ResponseEntity<byte[]> invoice(@RequestAttribute(CompanyAccess.REQUEST_ATTRIBUTE) CompanyAccess access, @PathVariable long id) {
        EInvoices.Printable printable = eInvoices.printable(access.companyId(), id);
        Invoice invoice = printable.invoice();
        String name = invoice.status() == Invoice.Status.DRAFT ? "kladde-" + invoice.id()
                : (invoice.kind() == Invoice.Kind.INVOICE ? "faktura-" : "kreditnota-") + invoice.number();
        return pdfs.download(name + ".pdf", "invoice", new InvoiceDocument(identity.company(access), printable, customersTexts(invoice)));
    }

    /** What the customer reads: Danish for a Danish customer, English for one abroad. */
    private static Texts customersTexts(Invoice invoice) {
        return Texts.of("DK".equals(invoice.customer().country()) ? Language.DA : Language.EN);
    }
}
