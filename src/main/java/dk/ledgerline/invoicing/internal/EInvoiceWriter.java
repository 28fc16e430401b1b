package dk.ledgerline.invoicing.internal;

import dk.ledgerline.invoicing.Customer;
import dk.ledgerline.invoicing.Invoice;
import dk.ledgerline.invoicing.InvoicingProfile;
import dk.ledgerline.invoicing.Product;
import dk.ledgerline.invoicing.VatZone;
import dk.ledgerline.shared.Amounts;
import dk.ledgerline.vat.VatCode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A booked invoice or credit note as an e-invoice: Peppol BIS Billing 3.0 (UBL 2.1, EN 16931) or
 * OIOUBL 2.1 (UBL 2.0 with the Danish rules). Both are written from the same figures the ledger
 * booked: the lines' net amounts, the invoice's one VAT amount and its total; a credit note's
 * amounts are written positive, as both formats want.
 */
public final class EInvoiceWriter {
    static final String UBL_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    static final String UBL_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    static final String UBL_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    static final String UBL_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    static final String PEPPOL_CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
    static final String PEPPOL_PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
    private static final String CURRENCY = "DKK";
    /** Peppol electronic address schemes: GLN, Danish CVR, Norwegian organisation number. */
    private static final String EAS_GLN = "0088", EAS_CVR = "0184", EAS_NO_ORG = "0192";
    /** Peppol's electronic address schemes by VAT number, for EU and nearby countries without another. */
    private static final Map<String, String> EAS_VAT = Map.ofEntries(
            Map.entry("AT", "9914"), Map.entry("BE", "9925"), Map.entry("BG", "9926"), Map.entry("CY", "9928"), Map.entry("CZ", "9929"),
            Map.entry("DE", "9930"), Map.entry("EE", "9931"), Map.entry("ES", "9920"), Map.entry("GB", "9932"), Map.entry("GR", "9933"),
            Map.entry("HR", "9934"), Map.entry("IE", "9935"), Map.entry("LT", "9937"), Map.entry("LU", "9938"), Map.entry("LV", "9939"),
            Map.entry("MT", "9943"), Map.entry("NL", "9944"), Map.entry("PL", "9945"), Map.entry("PT", "9946"), Map.entry("RO", "9947"),
            Map.entry("SI", "9949"), Map.entry("SK", "9950"), Map.entry("FR", "9957"), Map.entry("IT", "0211"), Map.entry("FI", "0213"),
            Map.entry("HU", "9910"), Map.entry("SE", "0007"));

    private EInvoiceWriter() {}

    /** What an e-invoice is written from: the seller, the invoice whole, the invoice a credit note credits, and the lines' products. */
    public record Sale(String sellerName, String sellerCvr, InvoicingProfile profile, Invoice invoice, Invoice credited, Map<Long, Product> products) {
        boolean creditNote() {
            return invoice.kind() == Invoice.Kind.CREDIT_NOTE;
        }
    }

    /** Why a sale cannot be written as an e-invoice, in terms of what is missing. */
    public static final class Unwritable extends RuntimeException {
        private final String code;

        Unwritable(String code) {
            super(code);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The buyer's Peppol address: its GLN, its CVR, or its VAT (or Norwegian organisation) number; null when it has none. */
    public static String[] peppolEndpoint(Customer c) {
        if (c.ean() != null) return new String[] {EAS_GLN, c.ean()};
        if (c.cvr() != null && "DK".equals(c.country())) return new String[] {EAS_CVR, c.cvr()};
        String vat = vatNumber(c);
        if (vat == null) return null;
        if (vat.startsWith("NO")) {
            String digits = vat.replaceAll("\\D", "");
            return digits.length() == 9 ? new String[] {EAS_NO_ORG, digits} : null;
        }
        String scheme = EAS_VAT.get(vat.substring(0, 2));
        if (scheme == null) return null;
        if (scheme.equals("0007")) {
            String digits = vat.replaceAll("\\D", "");
            return digits.length() >= 10 ? new String[] {scheme, digits.substring(0, 10)} : null;
        }
        return new String[] {scheme, vat};
    }

    // ------------------------------------------------------------------------------------------ Peppol BIS Billing 3.0

    public static byte[] peppol(Sale sale) {
        Invoice inv = sale.invoice();
        boolean credit = sale.creditNote();
        String[] buyerEndpoint = peppolEndpoint(inv.customer());
        if (buyerEndpoint == null) throw new Unwritable("einvoice.noBuyerAddress");
        XmlOut x = new XmlOut("", credit ? "CreditNote" : "Invoice", credit ? UBL_CREDIT_NOTE : UBL_INVOICE, "cac", UBL_CAC, "cbc", UBL_CBC);
        x.leaf("cbc:CustomizationID", PEPPOL_CUSTOMIZATION)
                .leaf("cbc:ProfileID", PEPPOL_PROFILE)
                .leaf("cbc:ID", String.valueOf(inv.number()))
                .leaf("cbc:IssueDate", inv.issueDate().toString());
        if (!credit) x.leaf("cbc:DueDate", inv.dueDate().toString());
        x.leaf(credit ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode", credit ? "381" : "380")
                .leaf("cbc:Note", inv.note().isBlank() ? null : inv.note())
                .leaf("cbc:DocumentCurrencyCode", CURRENCY)
                .leaf("cbc:BuyerReference", String.valueOf(inv.customer().number()));
        if (credit && sale.credited() != null) {
            x.open("cac:BillingReference").open("cac:InvoiceDocumentReference")
                    .leaf("cbc:ID", String.valueOf(sale.credited().number()))
                    .leaf("cbc:IssueDate", sale.credited().issueDate().toString())
                    .close().close();
        }
        peppolSeller(x, sale);
        peppolBuyer(x, inv.customer(), buyerEndpoint);
        Map<Category, long[]> breakdown = breakdown(inv);
        if (breakdown.containsKey(Category.EU_GOODS)) {
            x.open("cac:Delivery").leaf("cbc:ActualDeliveryDate", inv.issueDate().toString())
                    .open("cac:DeliveryLocation").open("cac:Address").open("cac:Country")
                    .leaf("cbc:IdentificationCode", inv.customer().country()).close().close().close().close();
        }
        if (!credit) peppolPayment(x, sale);
        x.open("cac:TaxTotal").leaf("cbc:TaxAmount", amount(inv.vat()), "currencyID", CURRENCY);
        breakdown.forEach((category, sums) -> {
            x.open("cac:TaxSubtotal")
                    .leaf("cbc:TaxableAmount", amount(sums[0]), "currencyID", CURRENCY)
                    .leaf("cbc:TaxAmount", amount(sums[1]), "currencyID", CURRENCY);
            peppolCategory(x, "cac:TaxCategory", category, true);
            x.close();
        });
        x.close();
        x.open("cac:LegalMonetaryTotal")
                .leaf("cbc:LineExtensionAmount", amount(inv.net()), "currencyID", CURRENCY)
                .leaf("cbc:TaxExclusiveAmount", amount(inv.net()), "currencyID", CURRENCY)
                .leaf("cbc:TaxInclusiveAmount", amount(inv.total()), "currencyID", CURRENCY)
                .leaf("cbc:PayableAmount", amount(inv.total()), "currencyID", CURRENCY)
                .close();
        for (Invoice.Line line : inv.lines()) {
            Product product = line.productId() == null ? null : sale.products().get(line.productId());
            x.open(credit ? "cac:CreditNoteLine" : "cac:InvoiceLine")
                    .leaf("cbc:ID", String.valueOf(line.line()))
                    .leaf(credit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity", quantity(line.quantity()), "unitCode", unitCode(product))
                    .leaf("cbc:LineExtensionAmount", amount(line.net()), "currencyID", CURRENCY)
                    .open("cac:Item")
                    .leaf("cbc:Name", line.description());
            if (product != null) x.open("cac:SellersItemIdentification").leaf("cbc:ID", product.number()).close();
            peppolCategory(x, "cac:ClassifiedTaxCategory", Category.of(line.vatCode()), false);
            x.close()
                    .open("cac:Price").leaf("cbc:PriceAmount", amount(line.unitPrice()), "currencyID", CURRENCY).close()
                    .close();
        }
        return x.finish();
    }

    private static void peppolSeller(XmlOut x, Sale sale) {
        InvoicingProfile p = sale.profile();
        x.open("cac:AccountingSupplierParty").open("cac:Party")
                .leaf("cbc:EndpointID", sale.sellerCvr(), "schemeID", EAS_CVR)
                .open("cac:PartyName").leaf("cbc:Name", sale.sellerName()).close();
        peppolAddress(x, p.address(), p.city(), p.postalCode(), p.country());
        x.open("cac:PartyTaxScheme").leaf("cbc:CompanyID", "DK" + sale.sellerCvr())
                .open("cac:TaxScheme").leaf("cbc:ID", "VAT").close().close()
                .open("cac:PartyLegalEntity").leaf("cbc:RegistrationName", sale.sellerName()).leaf("cbc:CompanyID", sale.sellerCvr(), "schemeID", EAS_CVR).close();
        if (p.email() != null || p.phone() != null) {
            x.open("cac:Contact").leaf("cbc:Telephone", p.phone()).leaf("cbc:ElectronicMail", p.email()).close();
        }
        x.close().close();
    }

    private static void peppolBuyer(XmlOut x, Customer c, String[] endpoint) {
        x.open("cac:AccountingCustomerParty").open("cac:Party")
                .leaf("cbc:EndpointID", endpoint[1], "schemeID", endpoint[0])
                .open("cac:PartyName").leaf("cbc:Name", c.name()).close();
        peppolAddress(x, c.address(), c.city(), c.postalCode(), c.country());
        String vat = vatNumber(c);
        if (vat != null) x.open("cac:PartyTaxScheme").leaf("cbc:CompanyID", vat).open("cac:TaxScheme").leaf("cbc:ID", "VAT").close().close();
        x.open("cac:PartyLegalEntity").leaf("cbc:RegistrationName", c.name());
        if (c.cvr() != null && "DK".equals(c.country())) x.leaf("cbc:CompanyID", c.cvr(), "schemeID", EAS_CVR);
        x.close();
        if (c.email() != null) x.open("cac:Contact").leaf("cbc:ElectronicMail", c.email()).close();
        x.close().close();
    }

    private static void peppolAddress(XmlOut x, String street, String city, String postalCode, String country) {
        x.open("cac:PostalAddress")
                .leaf("cbc:StreetName", blankToNull(street))
                .leaf("cbc:CityName", blankToNull(city))
                .leaf("cbc:PostalZone", blankToNull(postalCode))
                .open("cac:Country").leaf("cbc:IdentificationCode", country).close()
                .close();
    }

    /**
     * How the invoice is paid: a FIK (+71) slip when the company has a creditor number and the buyer is
     * Danish, a transfer to the Danish bank account, or to the IBAN from abroad; the payment reference is
     * the invoice number (in a +71 line, with its check digit).
     */
    private static void peppolPayment(XmlOut x, Sale sale) {
        InvoicingProfile p = sale.profile();
        Invoice inv = sale.invoice();
        boolean domestic = "DK".equals(inv.customer().country());
        if (domestic && p.fikCreditor() != null) {
            x.open("cac:PaymentMeans").leaf("cbc:PaymentMeansCode", "93").leaf("cbc:PaymentID", "71#" + fikPaymentId(inv.number()))
                    .open("cac:PayeeFinancialAccount").leaf("cbc:ID", p.fikCreditor()).close().close();
        } else if (p.hasBankAccount() && (domestic || p.iban() == null)) {
            x.open("cac:PaymentMeans").leaf("cbc:PaymentMeansCode", "42").leaf("cbc:PaymentID", String.valueOf(inv.number()))
                    .open("cac:PayeeFinancialAccount").leaf("cbc:ID", p.bankAccount())
                    .open("cac:FinancialInstitutionBranch").leaf("cbc:ID", p.bankReg()).close().close().close();
        } else if (p.iban() != null) {
            x.open("cac:PaymentMeans").leaf("cbc:PaymentMeansCode", "58").leaf("cbc:PaymentID", String.valueOf(inv.number()))
                    .open("cac:PayeeFinancialAccount").leaf("cbc:ID", p.iban());
            if (p.bic() != null) x.open("cac:FinancialInstitutionBranch").leaf("cbc:ID", p.bic()).close();
            x.close().close();
        }
        x.open("cac:PaymentTerms").leaf("cbc:Note", "Netto " + inv.customer().paymentDays() + " dage, forfald " + inv.dueDate()).close();
    }

    private static void peppolCategory(XmlOut x, String element, Category category, boolean withReason) {
        x.open(element).leaf("cbc:ID", category.peppol).leaf("cbc:Percent", String.valueOf(category.percent));
        if (withReason && category.exemption != null) x.leaf("cbc:TaxExemptionReasonCode", category.exemption).leaf("cbc:TaxExemptionReason", category.reason);
        x.open("cac:TaxScheme").leaf("cbc:ID", "VAT").close().close();
    }

    // ------------------------------------------------------------------------------------------ OIOUBL 2.1

    private static final String OIO_AGENCY = "320";
    static final String OIOUBL_CUSTOMIZATION = "OIOUBL-2.01";
    static final String OIOUBL_PROFILE = "urn:www.nesubl.eu:profiles:profile5:ver2.0";

    public static byte[] oioubl(Sale sale) {
        Invoice inv = sale.invoice();
        boolean credit = sale.creditNote();
        String[] buyerEndpoint = oioublEndpoint(inv.customer());
        if (buyerEndpoint == null) throw new Unwritable("einvoice.noBuyerAddress");
        XmlOut x = new XmlOut("", credit ? "CreditNote" : "Invoice", credit ? UBL_CREDIT_NOTE : UBL_INVOICE, "cac", UBL_CAC, "cbc", UBL_CBC);
        x.leaf("cbc:UBLVersionID", "2.0")
                .leaf("cbc:CustomizationID", OIOUBL_CUSTOMIZATION)
                .leaf("cbc:ProfileID", OIOUBL_PROFILE, "schemeAgencyID", OIO_AGENCY, "schemeID", "urn:oioubl:id:profileid-1.6")
                .leaf("cbc:ID", String.valueOf(inv.number()))
                .leaf("cbc:CopyIndicator", "false")
                .leaf("cbc:UUID", documentUuid(sale).toString())
                .leaf("cbc:IssueDate", inv.issueDate().toString());
        if (!credit) x.leaf("cbc:InvoiceTypeCode", "380", "listAgencyID", OIO_AGENCY, "listID", "urn:oioubl:codelist:invoicetypecode-1.1");
        x.leaf("cbc:Note", inv.note().isBlank() ? null : inv.note())
                .leaf("cbc:DocumentCurrencyCode", CURRENCY);
        if (credit && sale.credited() != null) {
            x.open("cac:BillingReference").open("cac:InvoiceDocumentReference")
                    .leaf("cbc:ID", String.valueOf(sale.credited().number()))
                    .leaf("cbc:IssueDate", sale.credited().issueDate().toString())
                    .close().close();
        }
        String[] seller = {"DK:CVR", "DK" + sale.sellerCvr()};
        oioublParty(x, "cac:AccountingSupplierParty", seller, sale.sellerName(),
                sale.profile().address(), sale.profile().city(), sale.profile().postalCode(), sale.profile().country(), "DK" + sale.sellerCvr(), "DK:SE",
                seller, sale.profile().email(), null);
        Customer c = inv.customer();
        String vat = vatNumber(c);
        boolean danish = c.cvr() != null && "DK".equals(c.country());
        // OIOUBL knows Danish CVR and SE numbers as legal and VAT identifiers; a foreign one is "ZZZ", mutually agreed.
        String[] legal = danish ? new String[] {"DK:CVR", "DK" + c.cvr()} : new String[] {"ZZZ", vat != null ? vat : buyerEndpoint[1]};
        oioublParty(x, "cac:AccountingCustomerParty", buyerEndpoint, c.name(), c.address(), c.city(), c.postalCode(), c.country(),
                vat, vat == null ? null : (danish ? "DK:SE" : "ZZZ"), legal, c.email(), String.valueOf(c.number()));
        if (!credit) oioublPayment(x, sale);
        Map<Category, long[]> breakdown = breakdown(inv);
        x.open("cac:TaxTotal").leaf("cbc:TaxAmount", amount(inv.vat()), "currencyID", CURRENCY);
        breakdown.forEach((category, sums) -> {
            x.open("cac:TaxSubtotal")
                    .leaf("cbc:TaxableAmount", amount(sums[0]), "currencyID", CURRENCY)
                    .leaf("cbc:TaxAmount", amount(sums[1]), "currencyID", CURRENCY);
            oioublCategory(x, category);
            x.close();
        });
        x.close();
        x.open("cac:LegalMonetaryTotal")
                .leaf("cbc:LineExtensionAmount", amount(inv.net()), "currencyID", CURRENCY)
                .leaf("cbc:TaxExclusiveAmount", amount(inv.vat()), "currencyID", CURRENCY)
                .leaf("cbc:TaxInclusiveAmount", amount(inv.total()), "currencyID", CURRENCY)
                .leaf("cbc:PayableAmount", amount(inv.total()), "currencyID", CURRENCY)
                .close();
        Map<Integer, Long> lineVat = lineVat(inv);
        for (Invoice.Line line : inv.lines()) {
            Product product = line.productId() == null ? null : sale.products().get(line.productId());
            Category category = Category.of(line.vatCode());
            x.open(credit ? "cac:CreditNoteLine" : "cac:InvoiceLine")
                    .leaf("cbc:ID", String.valueOf(line.line()))
                    .leaf(credit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity", quantity(line.quantity()), "unitCode", oioublUnit(product))
                    .leaf("cbc:LineExtensionAmount", amount(line.net()), "currencyID", CURRENCY)
                    .open("cac:TaxTotal").leaf("cbc:TaxAmount", amount(lineVat.get(line.line())), "currencyID", CURRENCY)
                    .open("cac:TaxSubtotal")
                    .leaf("cbc:TaxableAmount", amount(line.net()), "currencyID", CURRENCY)
                    .leaf("cbc:TaxAmount", amount(lineVat.get(line.line())), "currencyID", CURRENCY);
            oioublCategory(x, category);
            x.close().close()
                    .open("cac:Item")
                    .leaf("cbc:Description", line.description())
                    .leaf("cbc:Name", line.description().length() > 40 ? line.description().substring(0, 40) : line.description());
            if (product != null) x.open("cac:SellersItemIdentification").leaf("cbc:ID", product.number(), "schemeAgencyID", "9", "schemeID", "n/a").close();
            x.close()
                    .open("cac:Price").leaf("cbc:PriceAmount", amount(line.unitPrice()), "currencyID", CURRENCY)
                    .leaf("cbc:BaseQuantity", "1", "unitCode", oioublUnit(product))
                    .leaf("cbc:OrderableUnitFactorRate", "1").close()
                    .close();
        }
        return x.finish();
    }

    private static String[] oioublEndpoint(Customer c) {
        if (c.ean() != null) return new String[] {"GLN", c.ean()};
        if (c.cvr() != null && "DK".equals(c.country())) return new String[] {"DK:CVR", "DK" + c.cvr()};
        String vat = vatNumber(c);
        return vat == null ? null : new String[] {oioublVatScheme(vat), vat};
    }

    /** OIOUBL names a foreign VAT number's scheme by its country, DE:VAT; EU:VAT for an EU country the list lacks. */
    private static String oioublVatScheme(String vat) {
        String country = vat.substring(0, 2);
        return OIOUBL_VAT_COUNTRIES.contains(country) ? country + ":VAT" : "EU:VAT";
    }

    private static final java.util.Set<String> OIOUBL_VAT_COUNTRIES = java.util.Set.of("SE", "FI", "IT", "NO", "HU", "AT", "ES", "AD", "AL", "BA",
            "BE", "BG", "CH", "CY", "CZ", "DE", "EE", "GB", "GR", "HR", "IE", "LI", "LT", "LU", "LV", "MC", "ME", "MK", "MT", "NL", "PL", "PT", "RO",
            "RS", "SI", "SK", "SM", "TR", "VA");

    private static void oioublParty(XmlOut x, String role, String[] endpoint, String name, String street, String city, String postalCode,
                                    String country, String vatId, String vatScheme, String[] legal, String email, String contactId) {
        x.open(role).open("cac:Party")
                .leaf("cbc:EndpointID", endpoint[1], "schemeAgencyID", agency(endpoint[0]), "schemeID", endpoint[0])
                .open("cac:PartyIdentification")
                .leaf("cbc:ID", endpoint[1], "schemeAgencyID", agency(endpoint[0]), "schemeID", endpoint[0]).close()
                .open("cac:PartyName").leaf("cbc:Name", name).close()
                .open("cac:PostalAddress")
                .leaf("cbc:AddressFormatCode", "StructuredLax", "listAgencyID", OIO_AGENCY, "listID", "urn:oioubl:codelist:addressformatcode-1.1")
                .leaf("cbc:StreetName", blankToNull(street))
                .leaf("cbc:CityName", blankToNull(city))
                .leaf("cbc:PostalZone", blankToNull(postalCode))
                .open("cac:Country").leaf("cbc:IdentificationCode", country).close()
                .close();
        if (vatId != null) {
            x.open("cac:PartyTaxScheme").leaf("cbc:CompanyID", vatId, "schemeAgencyID", OIO_AGENCY, "schemeID", vatScheme)
                    .open("cac:TaxScheme").leaf("cbc:ID", "63", "schemeAgencyID", OIO_AGENCY, "schemeID", "urn:oioubl:id:taxschemeid-1.5")
                    .leaf("cbc:Name", "Moms").close().close();
        }
        x.open("cac:PartyLegalEntity").leaf("cbc:RegistrationName", name);
        x.leaf("cbc:CompanyID", legal[1], "schemeAgencyID", agency(legal[0]), "schemeID", legal[0]);
        x.close();
        if (contactId != null || email != null) x.open("cac:Contact").leaf("cbc:ID", contactId).leaf("cbc:ElectronicMail", email).close();
        x.close().close();
    }

    private static String agency(String scheme) {
        return "GLN".equals(scheme) ? "9" : OIO_AGENCY;
    }

    private static void oioublPayment(XmlOut x, Sale sale) {
        InvoicingProfile p = sale.profile();
        Invoice inv = sale.invoice();
        boolean domestic = "DK".equals(inv.customer().country());
        if (domestic && p.fikCreditor() != null) {
            x.open("cac:PaymentMeans").leaf("cbc:ID", "1").leaf("cbc:PaymentMeansCode", "93").leaf("cbc:PaymentDueDate", inv.dueDate().toString())
                    .leaf("cbc:PaymentChannelCode", "DK:FIK", "listAgencyID", OIO_AGENCY, "listID", "urn:oioubl:codelist:paymentchannelcode-1.1")
                    .leaf("cbc:InstructionID", fikPaymentId(inv.number()))
                    .leaf("cbc:PaymentID", "71", "schemeAgencyID", OIO_AGENCY, "schemeID", "urn:oioubl:id:paymentid-1.1")
                    .open("cac:CreditAccount").leaf("cbc:AccountID", p.fikCreditor()).close()
                    .close();
        } else if (p.hasBankAccount() && (domestic || p.iban() == null)) {
            x.open("cac:PaymentMeans").leaf("cbc:ID", "1").leaf("cbc:PaymentMeansCode", "42").leaf("cbc:PaymentDueDate", inv.dueDate().toString())
                    .leaf("cbc:PaymentChannelCode", "DK:BANK", "listAgencyID", OIO_AGENCY, "listID", "urn:oioubl:codelist:paymentchannelcode-1.1")
                    .open("cac:PayeeFinancialAccount").leaf("cbc:ID", p.bankAccount())
                    .open("cac:FinancialInstitutionBranch").leaf("cbc:ID", p.bankReg()).close().close()
                    .close();
        } else if (p.iban() != null) {
            x.open("cac:PaymentMeans").leaf("cbc:ID", "1").leaf("cbc:PaymentMeansCode", "31").leaf("cbc:PaymentDueDate", inv.dueDate().toString())
                    .leaf("cbc:PaymentChannelCode", "IBAN", "listAgencyID", OIO_AGENCY, "listID", "urn:oioubl:codelist:paymentchannelcode-1.1")
                    .open("cac:PayeeFinancialAccount").leaf("cbc:ID", p.iban());
            if (p.bic() != null) {
                x.open("cac:FinancialInstitutionBranch").open("cac:FinancialInstitution").leaf("cbc:ID", p.bic()).close().close();
            }
            x.close().close();
        }
    }

    private static void oioublCategory(XmlOut x, Category category) {
        x.open("cac:TaxCategory")
                .leaf("cbc:ID", category.oioubl, "schemeAgencyID", OIO_AGENCY, "schemeID", "urn:oioubl:id:taxcategoryid-1.1")
                .leaf("cbc:Percent", String.valueOf(category.percent))
                .open("cac:TaxScheme").leaf("cbc:ID", "63", "schemeAgencyID", OIO_AGENCY, "schemeID", "urn:oioubl:id:taxschemeid-1.5")
                .leaf("cbc:Name", "Moms").close()
                .close();
    }

    /** A UUID the same every time the same booked document is written: from the seller's CVR, kind and number. */
    static UUID documentUuid(Sale sale) {
        return UUID.nameUUIDFromBytes(("ledgerline:" + sale.sellerCvr() + ":" + sale.invoice().kind() + ":" + sale.invoice().number())
                .getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------ shared

    /** The VAT categories Ledgerline sells in, with their Peppol (UNCL5305) and OIOUBL codes. */
    enum Category {
        STANDARD("S", "StandardRated", 25, null, null),
        EU_GOODS("K", "ReverseCharge", 0, "VATEX-EU-IC", "Intra-community supply"),
        EU_SERVICES("AE", "ReverseCharge", 0, "VATEX-EU-AE", "Reverse charge"),
        EXPORT("G", "ZeroRated", 0, "VATEX-EU-G", "Export outside the EU"),
        EXEMPT("E", "ZeroRated", 0, "VATEX-EU-132", "Exempt from VAT");

        final String peppol, oioubl, exemption, reason;
        final int percent;

        Category(String peppol, String oioubl, int percent, String exemption, String reason) {
            this.peppol = peppol;
            this.oioubl = oioubl;
            this.percent = percent;
            this.exemption = exemption;
            this.reason = reason;
        }

        static Category of(String vatCode) {
            return switch (vatCode) {
                case "U25" -> STANDARD;
                case "EUSV" -> EU_GOODS;
                case "EUSY" -> EU_SERVICES;
                case "EKS" -> EXPORT;
                case "FRI" -> EXEMPT;
                default -> throw new Unwritable("einvoice.vatCode");
            };
        }
    }

    /** Per category: taxable amount and VAT, unsigned; all VAT is the standard category's, as the invoice booked it. */
    private static Map<Category, long[]> breakdown(Invoice inv) {
        Map<Category, long[]> sums = new LinkedHashMap<>();
        for (Invoice.Line line : inv.lines()) sums.computeIfAbsent(Category.of(line.vatCode()), k -> new long[2])[0] += line.net();
        long[] standard = sums.get(Category.STANDARD);
        if (standard != null) standard[1] = Math.abs(inv.vat());
        return sums;
    }

    /**
     * Each line's VAT, as OIOUBL wants it on every line: 25 % of its net half-up, with the difference
     * to the invoice's one VAT amount (at most half an øre per line) put on the largest standard line.
     */
    private static Map<Integer, Long> lineVat(Invoice inv) {
        Map<Integer, Long> vat = new LinkedHashMap<>();
        long sum = 0;
        Invoice.Line largest = null;
        for (Invoice.Line line : inv.lines()) {
            long v = Category.of(line.vatCode()) == Category.STANDARD ? VatCode.U25.vatOfNet(line.net()) : 0;
            vat.put(line.line(), v);
            sum += v;
            if (v != 0 && (largest == null || line.net() > largest.net())) largest = line;
        }
        if (largest != null) vat.merge(largest.line(), Math.abs(inv.vat()) - sum, Long::sum);
        return vat;
    }

    /** The payment identifier of a +71 slip: the invoice number in 14 digits and a modulus-10 check digit. */
    public static String fikPaymentId(int invoiceNumber) {
        String digits = String.format(Locale.ROOT, "%014d", invoiceNumber);
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            int weighted = i % 2 == 0 ? d * 2 : d;
            sum += weighted > 9 ? weighted - 9 : weighted;
        }
        return digits + (10 - sum % 10) % 10;
    }

    /** The buyer's VAT number with its country prefix, as both formats print it; null when it has none. */
    static String vatNumber(Customer c) {
        if (c.vatNumber() != null) {
            String v = c.vatNumber().replace(" ", "").toUpperCase(Locale.ROOT);
            return v.matches("[A-Z]{2}.*") ? v : c.country() + v;
        }
        return c.cvr() != null && "DK".equals(c.country()) ? "DK" + c.cvr() : null;
    }

    private static String amount(long minor) {
        return Amounts.format(Math.abs(minor));
    }

    private static String quantity(BigDecimal quantity) {
        return quantity.stripTrailingZeros().toPlainString();
    }

    /** UN/ECE Recommendation 20 for the units Danish invoices use; a piece otherwise. */
    private static String unitCode(Product product) {
        String unit = product == null ? "" : product.unit().toLowerCase(Locale.ROOT).replace(".", "").trim();
        return switch (unit) {
            case "time", "timer", "t", "hour", "hours" -> "HUR";
            case "dag", "dage", "day", "days" -> "DAY";
            case "md", "måned", "måneder", "month" -> "MON";
            case "kg" -> "KGM";
            case "km" -> "KMT";
            case "l", "liter" -> "LTR";
            case "m" -> "MTR";
            case "m2" -> "MTK";
            default -> "H87";
        };
    }

    /** OIOUBL's unit list is UN/ECE Recommendation 20 as well, where a piece is "EA". */
    private static String oioublUnit(Product product) {
        String code = unitCode(product);
        return "H87".equals(code) ? "EA" : code;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
