package dk.ledgerline.invoicing;

import dk.ledgerline.invoicing.internal.RegisterCsv;
import dk.ledgerline.shared.Amounts;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import dk.ledgerline.shared.ProblemException.Message;
import dk.ledgerline.shared.TenantTransactions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Customers and products imported from a spreadsheet's CSV, all or nothing: every row is checked as
 * one entered by hand, every problem is named by its line, and the rows are kept in one transaction
 * only when none has one.
 */
@Service
public class Registers {
    static final Map<String, String> CUSTOMER_COLUMNS = Map.ofEntries(
            Map.entry("number", "number"), Map.entry("nummer", "number"), Map.entry("kundenr", "number"), Map.entry("kundenr.", "number"),
            Map.entry("name", "name"), Map.entry("navn", "name"), Map.entry("cvr", "cvr"), Map.entry("ean", "ean"),
            Map.entry("address", "address"), Map.entry("adresse", "address"), Map.entry("postalcode", "postalCode"), Map.entry("postnr", "postalCode"),
            Map.entry("postnr.", "postalCode"), Map.entry("city", "city"), Map.entry("by", "city"), Map.entry("country", "country"), Map.entry("land", "country"),
            Map.entry("email", "email"), Map.entry("e-mail", "email"), Map.entry("paymentdays", "paymentDays"), Map.entry("betalingsdage", "paymentDays"),
            Map.entry("vatzone", "vatZone"), Map.entry("momszone", "vatZone"), Map.entry("vatnumber", "vatNumber"), Map.entry("momsnummer", "vatNumber"));
    static final Map<String, String> PRODUCT_COLUMNS = Map.ofEntries(
            Map.entry("number", "number"), Map.entry("nummer", "number"), Map.entry("varenr", "number"), Map.entry("varenr.", "number"),
            Map.entry("name", "name"), Map.entry("navn", "name"), Map.entry("unit", "unit"), Map.entry("enhed", "unit"),
            Map.entry("unitprice", "unitPrice"), Map.entry("pris", "unitPrice"), Map.entry("enhedspris", "unitPrice"),
            Map.entry("kind", "kind"), Map.entry("art", "kind"), Map.entry("revenueaccount", "revenueAccount"), Map.entry("konto", "revenueAccount"));

    private final Customers customers;
    private final Products products;
    private final Suppliers suppliers;
    private final TenantTransactions tenants;

    Registers(Customers customers, Products products, Suppliers suppliers, TenantTransactions tenants) {
        this.suppliers = suppliers;
        this.customers = customers;
        this.products = products;
        this.tenants = tenants;
    }

    /** How many rows were created. */
    public int importCustomers(long companyId, String csv) {
        List<Customer> clean = parties(csv, 8);
        return tenants.inCompany(companyId, () -> {
            clean.forEach(c -> customers.insert(companyId, c));
            return clean.size();
        });
    }

    /** Suppliers, with the same columns as customers. */
    public int importSuppliers(long companyId, String csv) {
        List<Customer> clean = parties(csv, 30);
        return tenants.inCompany(companyId, () -> {
            clean.forEach(c -> suppliers.insert(companyId, Supplier.of(c)));
            return clean.size();
        });
    }

    /** The rows as checked parties, or the refusal naming each mistake's line; {@code paymentDays} where a row gives none. */
    private static List<Customer> parties(String csv, int paymentDays) {
        RegisterCsv.Read read = RegisterCsv.read(csv, CUSTOMER_COLUMNS, List.of("name"));
        List<FieldError> errors = new ArrayList<>(read.errors());
        List<Customer> clean = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        for (RegisterCsv.Row row : read.rows()) {
            List<FieldError> rowErrors = new ArrayList<>();
            Integer number = whole(row.get("number"), "number", rowErrors);
            Integer days = row.get("paymentDays") == null ? Integer.valueOf(paymentDays) : whole(row.get("paymentDays"), "paymentDays", rowErrors);
            VatZone zone = zone(row.get("vatZone"), rowErrors);
            Customer c = Customers.clean(new Customer(0, number == null ? 0 : number, row.get("name"), row.get("cvr"), row.get("ean"), row.get("address"),
                    row.get("postalCode"), row.get("city"), row.get("country"), row.get("email"), days == null ? paymentDays : days, zone, row.get("vatNumber")), rowErrors);
            if (number != null && number != 0 && !numbers.add(number)) rowErrors.add(FieldError.of("number", "register.twice", number));
            rowErrors.forEach(e -> errors.add(at(row, e)));
            clean.add(c);
        }
        if (read.rows().isEmpty() && errors.isEmpty()) errors.add(FieldError.of("csv", "register.empty"));
        if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("register.notImported"), errors);
        return clean;
    }

    public int importProducts(long companyId, String csv) {
        RegisterCsv.Read read = RegisterCsv.read(csv, PRODUCT_COLUMNS, List.of("number", "name", "unitPrice"));
        List<FieldError> errors = new ArrayList<>(read.errors());
        List<Product> clean = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        for (RegisterCsv.Row row : read.rows()) {
            List<FieldError> rowErrors = new ArrayList<>();
            Long price = money(row.get("unitPrice"), rowErrors);
            Integer account = row.get("revenueAccount") == null ? null : whole(row.get("revenueAccount"), "revenueAccount", rowErrors);
            ProductKind kind = kind(row.get("kind"), rowErrors);
            Product p = products.clean(companyId, new Product(0, row.get("number"), row.get("name"), row.get("unit"), price == null ? 0 : price, kind, account), rowErrors);
            if (p.number() != null && !numbers.add(p.number())) rowErrors.add(FieldError.of("number", "register.twice", p.number()));
            rowErrors.forEach(e -> errors.add(at(row, e)));
            clean.add(p);
        }
        if (read.rows().isEmpty() && errors.isEmpty()) errors.add(FieldError.of("csv", "register.empty"));
        if (!errors.isEmpty()) throw ProblemException.unprocessable(Message.of("register.notImported"), errors);
        return tenants.inCompany(companyId, () -> {
            clean.forEach(p -> products.insert(companyId, p));
            return clean.size();
        });
    }

    /** The error of a row's field, named by its line as the chart's import names them: "line 4.cvr". */
    private static FieldError at(RegisterCsv.Row row, FieldError e) {
        return new FieldError("line " + row.line() + "." + e.field(), e.message(), e.code());
    }

    private static Integer whole(String text, String field, List<FieldError> errors) {
        if (text == null) return null;
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            errors.add(FieldError.of(field, "form.notWholeNumber", text));
            return null;
        }
    }

    /** "1.250,00", "1250,00" or "1250.00" as øre. */
    private static Long money(String text, List<FieldError> errors) {
        if (text == null) {
            errors.add(FieldError.of("unitPrice", "required"));
            return null;
        }
        String t = text.replace(" ", "");
        if (t.contains(",")) t = t.replace(".", "").replace(',', '.');
        try {
            return Amounts.parse(t);
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of("unitPrice", "amount.notAmount", text));
            return null;
        }
    }

    private static VatZone zone(String text, List<FieldError> errors) {
        if (text == null) return VatZone.DOMESTIC;
        String t = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        return switch (t) {
            case "DOMESTIC", "DK", "DANMARK", "INDLAND" -> VatZone.DOMESTIC;
            case "EU" -> VatZone.EU;
            case "OUTSIDE_EU", "UDLAND", "EKSPORT", "EXPORT" -> VatZone.OUTSIDE_EU;
            default -> {
                errors.add(FieldError.of("vatZone", "customer.vatZone"));
                yield null;
            }
        };
    }

    private static ProductKind kind(String text, List<FieldError> errors) {
        if (text == null) return ProductKind.SERVICES;
        String t = text.strip().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "GOODS", "VARE", "VARER" -> ProductKind.GOODS;
            case "SERVICES", "SERVICE", "YDELSE", "YDELSER" -> ProductKind.SERVICES;
            case "EXEMPT", "MOMSFRI", "FRI" -> ProductKind.EXEMPT;
            default -> {
                errors.add(FieldError.of("kind", "product.kind"));
                yield null;
            }
        };
    }
}
