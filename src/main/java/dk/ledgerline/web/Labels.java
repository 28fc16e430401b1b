package dk.ledgerline.web;

import dk.ledgerline.identity.Role;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.shared.Texts;
import dk.ledgerline.shared.VatPeriodType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The words the pages use for the system's names, in the language of the request, and its dates and times: one place, so they stay consistent. */
public final class Labels {
    /** Danish bookkeeping happens on Danish time, whatever the server's zone. */
    public static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(DANISH_TIME);
    private static final Pattern NUMBERED = Pattern.compile("(line|document|account) (\\d+)");
    private static final Pattern INDEXED = Pattern.compile("(\\w+)\\[(\\d+)]");
    /** The service's names of fields that have a label of their own (label.field.<name>); others are shown as they are. */
    private static final java.util.Set<String> FIELDS = java.util.Set.of("line", "document", "account", "amount", "date", "text", "vatCode",
            "contraAccount", "name", "cvr", "vatPeriod", "fiscalYearStartMonth", "email", "password", "role", "number", "type", "standardAccount",
            "csv", "lines", "period", "from", "to", "at", "currency", "exchangeRate", "vouchers", "start", "fiscalYear", "newPassword",
            "currentPassword", "userId", "q", "resultAccount", "customerId", "productId", "quantity", "unitPrice", "description", "ean", "country",
            "paymentDays", "vatZone", "vatNumber", "address", "postalCode", "city", "note", "unit", "kind", "revenueAccount", "bankAccount",
            "phone", "bankReg", "iban", "bic", "fikCreditor", "file", "supplierId", "supplierNumber", "vat", "net", "issueDate", "dueDate");

    private Labels() {}

    /** "line 17.account" → "Linje 17, konto" (in English "Line 17, account"); "csv" → "CSV"; unknown names stay as they are. */
    public static String field(String field) {
        if (field == null || field.isBlank()) return "";
        Texts t = Languages.texts();
        List<String> parts = new ArrayList<>();
        for (String part : field.split("\\.")) {
            Matcher numbered = NUMBERED.matcher(part);
            Matcher indexed = INDEXED.matcher(part);
            if (numbered.matches()) parts.add(fieldName(t, numbered.group(1)) + " " + numbered.group(2));
            // "lines[1]" is the second line: one of a list is named in the singular
            else if (indexed.matches()) parts.add(fieldName(t, "lines".equals(indexed.group(1)) ? "line" : indexed.group(1)) + " " + (Integer.parseInt(indexed.group(2)) + 1));
            else parts.add(fieldName(t, part));
        }
        String joined = String.join(", ", parts);
        return Character.toUpperCase(joined.charAt(0)) + joined.substring(1);
    }

    private static String fieldName(Texts t, String name) {
        return FIELDS.contains(name) ? t.get("label.field." + name) : name;
    }

    public static String role(Role role) {
        return Languages.texts().get("label.role." + role.name());
    }

    public static String accountType(AccountType type) {
        return Languages.texts().get("label.accountType." + type.name());
    }

    public static String vatPeriodType(VatPeriodType type) {
        return Languages.texts().get("label.vatPeriodType." + type.name());
    }

    /** Where a voucher came from, as its source is stored. */
    public static String source(String source) {
        Texts t = Languages.texts();
        return t.has("label.source." + source) ? t.get("label.source." + source) : source;
    }

    /** "november 2026", "3. kvartal 2026", "2. halvår 2026" (in English "November 2026", "Q3 2026", "H2 2026"): a VAT period as the tax agency names it. */
    public static String vatPeriod(dk.ledgerline.vat.VatPeriod period) {
        return switch (period.type()) {
            case MONTH -> month(period.index()) + " " + period.year();
            case QUARTER -> Languages.texts().get("label.quarter", period.index(), period.year());
            case HALF_YEAR -> Languages.texts().get("label.halfYear", period.index(), period.year());
        };
    }

    public static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public static String month(int month) {
        String name = java.time.Month.of(month).getDisplayName(java.time.format.TextStyle.FULL, Languages.current().locale());
        return Languages.current() == dk.ledgerline.shared.Language.EN ? Character.toUpperCase(name.charAt(0)) + name.substring(1) : name;
    }

    public static String spinnerOutcome(String outcome) {
        Texts t = Languages.texts();
        return t.has("label.spinnerOutcome." + outcome) ? t.get("label.spinnerOutcome." + outcome) : outcome;
    }

    public static String spinnerCause(dk.ledgerline.ops.SpinnerSummary.Cause cause) {
        return Languages.texts().get("label.spinnerCause." + cause.name());
    }
}
