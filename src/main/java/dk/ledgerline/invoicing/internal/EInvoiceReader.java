package dk.ledgerline.invoicing.internal;

import dk.ledgerline.invoicing.Invoice;
import dk.ledgerline.invoicing.SupplierInvoice;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads an incoming Peppol BIS 3 or OIOUBL 2.1 invoice or credit note into what a supplier-invoice
 * draft needs. The XML is parsed with no DOCTYPE allowed at all, so neither an external entity nor
 * an entity expansion bomb is ever read; what the document says is checked to add up before it is
 * used. Every refusal names what is wrong with the document.
 */
public final class EInvoiceReader {
    private EInvoiceReader() {}

    public record Party(String name, String cvr, String ean, String vatNumber, String address, String postalCode, String city, String country) {}

    /** One line: its text, net amount in øre, and the VAT category the document gives it (UNCL5305 or OIOUBL's name), with its rate. */
    public record Line(String description, long net, String taxCategory, BigDecimal percent) {}

    public record Parsed(SupplierInvoice.Source format, Invoice.Kind kind, String number, LocalDate issueDate, LocalDate dueDate,
                         Party seller, Party buyer, List<Line> lines, long net, long vat, long payable) {}

    /** Why a document cannot be taken in: a message code of the texts and its arguments. */
    public static final class Unreadable extends RuntimeException {
        private final String code;
        private final transient Object[] args;

        Unreadable(String code, Object... args) {
            super(code);
            this.code = code;
            this.args = args;
        }

        public String code() {
            return code;
        }

        public Object[] args() {
            return args;
        }
    }

    public static Parsed read(byte[] xml) {
        Element root = parse(xml).getDocumentElement();
        String ns = root.getNamespaceURI();
        Invoice.Kind kind;
        if ("Invoice".equals(root.getLocalName()) && EInvoiceWriter.UBL_INVOICE.equals(ns)) kind = Invoice.Kind.INVOICE;
        else if ("CreditNote".equals(root.getLocalName()) && EInvoiceWriter.UBL_CREDIT_NOTE.equals(ns)) kind = Invoice.Kind.CREDIT_NOTE;
        else throw new Unreadable("intake.notUbl", "{" + ns + "}" + root.getLocalName());
        String customization = text(root, "CustomizationID");
        SupplierInvoice.Source format;
        if (customization != null && customization.startsWith("urn:cen.eu:en16931:2017")) format = SupplierInvoice.Source.PEPPOL;
        else if (customization != null && customization.startsWith("OIOUBL-2")) format = SupplierInvoice.Source.OIOUBL;
        else throw new Unreadable("intake.customization", customization == null ? "" : customization);
        String currency = text(root, "DocumentCurrencyCode");
        if (!"DKK".equals(currency)) throw new Unreadable("intake.currency", currency == null ? "" : currency);
        String number = required(root, "ID");
        LocalDate issued = date(required(root, "IssueDate"), "IssueDate");
        String dueText = text(root, "DueDate");
        if (dueText == null) dueText = path(root, "PaymentMeans", "PaymentDueDate");
        LocalDate due = dueText == null ? issued : date(dueText, "DueDate");
        if (due.isBefore(issued)) due = issued;
        Party seller = party(child(root, "AccountingSupplierParty"), "AccountingSupplierParty");
        Party buyer = party(child(root, "AccountingCustomerParty"), "AccountingCustomerParty");
        List<Line> lines = new ArrayList<>();
        String lineName = kind == Invoice.Kind.INVOICE ? "InvoiceLine" : "CreditNoteLine";
        String quantityName = kind == Invoice.Kind.INVOICE ? "InvoicedQuantity" : "CreditedQuantity";
        for (Element line : children(root, lineName)) {
            String id = text(line, "ID");
            String quantity = text(line, quantityName);
            if (quantity != null && decimal(quantity, lineName + " " + id + " " + quantityName).signum() < 0) {
                throw new Unreadable("intake.negativeQuantity", id, quantity);
            }
            Element item = child(line, "Item");
            String description = item == null ? null : first(text(item, "Name"), text(item, "Description"));
            if (description == null || description.isBlank()) throw new Unreadable("intake.missing", lineName + " " + id + " Item/Name");
            long net = amount(required(line, "LineExtensionAmount"), lineName + " " + id + " LineExtensionAmount");
            Element category = item == null ? null : child(item, "ClassifiedTaxCategory");
            if (category == null) {
                Element subtotal = child(child(line, "TaxTotal"), "TaxSubtotal");
                category = child(subtotal, "TaxCategory");
            }
            String categoryId = category == null ? null : text(category, "ID");
            String percent = category == null ? null : text(category, "Percent");
            String cut = description.strip();
            lines.add(new Line(cut.length() > 250 ? cut.substring(0, 250) : cut, net, categoryId, percent == null ? null : decimal(percent, "Percent")));
        }
        if (lines.isEmpty()) throw new Unreadable("intake.noLines", lineName);
        if (lines.size() > Invoice.LINES_MAX) throw new Unreadable("intake.tooManyLines", Invoice.LINES_MAX);
        Element totals = child(root, "LegalMonetaryTotal");
        if (totals == null) throw new Unreadable("intake.missing", "LegalMonetaryTotal");
        long lineSum = lines.stream().mapToLong(Line::net).sum();
        long net = amount(required(totals, "LineExtensionAmount"), "LineExtensionAmount");
        if (net != lineSum) throw new Unreadable("intake.totals", "LineExtensionAmount", money(net), money(lineSum));
        long payable = amount(required(totals, "PayableAmount"), "PayableAmount");
        Element taxTotal = child(root, "TaxTotal");
        long vat = taxTotal == null ? 0 : amount(required(taxTotal, "TaxAmount"), "TaxTotal/TaxAmount");
        String prepaid = text(totals, "PrepaidAmount"), rounding = text(totals, "PayableRoundingAmount");
        long expected = net + vat - (prepaid == null ? 0 : amount(prepaid, "PrepaidAmount")) + (rounding == null ? 0 : amount(rounding, "PayableRoundingAmount"));
        if (payable != expected) throw new Unreadable("intake.totals", "PayableAmount", money(payable), money(expected));
        return new Parsed(format, kind, number.strip(), issued, due, seller, buyer, lines, net, vat, payable);
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // No DOCTYPE at all: external entities and entity expansion (a "billion laughs") are refused before they are read.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("DOCTYPE")) throw new Unreadable("intake.doctype");
            throw new Unreadable("intake.notXml", message.length() > 200 ? message.substring(0, 200) : message);
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("the XML parser cannot be set up securely", e);
        }
    }

    private static Party party(Element role, String name) {
        Element party = child(role, "Party");
        if (party == null) throw new Unreadable("intake.missing", name + "/Party");
        String partyName = first(path(party, "PartyName", "Name"), path(party, "PartyLegalEntity", "RegistrationName"));
        if (partyName == null) throw new Unreadable("intake.missing", name + "/Party/PartyName");
        String cvr = null, ean = null;
        for (Element id : ids(party)) {
            String scheme = id.getAttribute("schemeID");
            String value = id.getTextContent().strip();
            if (("0184".equals(scheme) || "DK:CVR".equals(scheme)) && cvr == null) cvr = value.startsWith("DK") ? value.substring(2) : value;
            if (("0088".equals(scheme) || "GLN".equals(scheme)) && ean == null) ean = value;
        }
        String vatNumber = path(party, "PartyTaxScheme", "CompanyID");
        if (cvr == null && vatNumber != null && vatNumber.matches("DK\\d{8}")) cvr = vatNumber.substring(2);
        if (cvr != null && !cvr.matches("\\d{8}")) cvr = null;
        if (ean != null && !ean.matches("\\d{13}")) ean = null;
        Element address = child(party, "PostalAddress");
        String country = address == null ? null : path(address, "Country", "IdentificationCode");
        return new Party(partyName.strip(), cvr, ean, vatNumber, address == null ? "" : orEmpty(text(address, "StreetName")),
                address == null ? "" : orEmpty(text(address, "PostalZone")), address == null ? "" : orEmpty(text(address, "CityName")),
                country == null || !country.matches("[A-Z]{2}") ? "DK" : country);
    }

    /** The identifiers a party is known by: its endpoint, its identifications, its legal entity's CompanyID. */
    private static List<Element> ids(Element party) {
        List<Element> ids = new ArrayList<>();
        Element endpoint = child(party, "EndpointID");
        if (endpoint != null) ids.add(endpoint);
        for (Element identification : children(party, "PartyIdentification")) {
            Element id = child(identification, "ID");
            if (id != null) ids.add(id);
        }
        Element legal = child(party, "PartyLegalEntity");
        Element company = legal == null ? null : child(legal, "CompanyID");
        if (company != null) ids.add(company);
        return ids;
    }

    // ---- small DOM helpers over UBL's two namespaces (cac, cbc): children are found by local name

    private static Element child(Element parent, String localName) {
        if (parent == null) return null;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) return e;
        }
        return null;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) found.add(e);
        }
        return found;
    }

    private static String text(Element parent, String localName) {
        Element e = child(parent, localName);
        if (e == null) return null;
        String text = e.getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    private static String path(Element parent, String first, String second) {
        return text(child(parent, first), second);
    }

    private static String required(Element parent, String localName) {
        String text = text(parent, localName);
        if (text == null) throw new Unreadable("intake.missing", localName);
        return text;
    }

    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Unreadable("intake.badValue", field, text);
        }
    }

    private static BigDecimal decimal(String text, String field) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new Unreadable("intake.badValue", field, text);
        }
    }

    private static long amount(String text, String field) {
        try {
            BigDecimal value = decimal(text, field);
            if (value.scale() > 2 || value.abs().compareTo(new BigDecimal("999999999999.99")) > 0) throw new Unreadable("intake.badValue", field, text);
            return value.movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            throw new Unreadable("intake.badValue", field, text);
        }
    }

    private static String money(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
