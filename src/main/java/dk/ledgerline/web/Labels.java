package dk.ledgerline.web;

import dk.ledgerline.identity.Role;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.shared.VatPeriodType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Danish words the pages use for the system's names, dates and times: one place, so they stay consistent. */
public final class Labels {
    /** Danish bookkeeping happens on Danish time, whatever the server's zone. */
    public static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(DANISH_TIME);
    private static final Pattern NUMBERED = Pattern.compile("(line|document|account) (\\d+)");
    private static final Pattern INDEXED = Pattern.compile("(\\w+)\\[(\\d+)]");
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("line", "linje"), Map.entry("document", "bilag"), Map.entry("account", "konto"),
            Map.entry("amount", "beløb"), Map.entry("date", "dato"), Map.entry("text", "tekst"),
            Map.entry("vatCode", "momskode"), Map.entry("contraAccount", "modkonto"), Map.entry("name", "navn"),
            Map.entry("cvr", "CVR-nummer"), Map.entry("vatPeriod", "momsperiode"), Map.entry("fiscalYearStartMonth", "regnskabsårets første måned"),
            Map.entry("email", "e-mail"), Map.entry("password", "adgangskode"), Map.entry("role", "rolle"),
            Map.entry("number", "nummer"), Map.entry("type", "type"), Map.entry("standardAccount", "standardkonto"),
            Map.entry("csv", "CSV"), Map.entry("lines", "linjer"), Map.entry("period", "periode"), Map.entry("from", "fra"),
            Map.entry("to", "til"), Map.entry("at", "dato"), Map.entry("currency", "valuta"), Map.entry("exchangeRate", "kurs"),
            Map.entry("vouchers", "bilag"), Map.entry("start", "start"));

    private Labels() {}

    /** "line 17.account" → "Linje 17, konto"; "csv" → "CSV"; unknown names stay as they are. */
    public static String field(String field) {
        if (field == null || field.isBlank()) return "";
        List<String> parts = new ArrayList<>();
        for (String part : field.split("\\.")) {
            Matcher numbered = NUMBERED.matcher(part);
            Matcher indexed = INDEXED.matcher(part);
            if (numbered.matches()) parts.add(FIELDS.get(numbered.group(1)) + " " + numbered.group(2));
            else if (indexed.matches()) parts.add(FIELDS.getOrDefault(indexed.group(1), indexed.group(1)) + " " + (Integer.parseInt(indexed.group(2)) + 1));
            else parts.add(FIELDS.getOrDefault(part, part));
        }
        String joined = String.join(", ", parts);
        return Character.toUpperCase(joined.charAt(0)) + joined.substring(1);
    }

    public static String role(Role role) {
        return switch (role) {
            case OWNER -> "Ejer";
            case BOOKKEEPER -> "Bogholder";
            case VIEWER -> "Læser";
        };
    }

    public static String accountType(AccountType type) {
        return switch (type) {
            case REVENUE -> "Indtægt";
            case EXPENSE -> "Udgift";
            case ASSET -> "Aktiv";
            case LIABILITY -> "Gæld";
            case EQUITY -> "Egenkapital";
        };
    }

    /** Where a voucher came from, as its source is stored. */
    public static String source(String source) {
        return switch (source) {
            case "API" -> "API";
            case "JOURNAL" -> "Kassekladde";
            case "REVERSAL" -> "Tilbageførsel";
            case "VAT_SETTLEMENT" -> "Momsafregning";
            case "YEAR_END_CLOSING" -> "Årsafslutning";
            case "YEAR_END_REOPENING" -> "Genåbning af år";
            case "DEMO" -> "Demodata";
            default -> source;
        };
    }

    public static String vatPeriodType(VatPeriodType type) {
        return switch (type) {
            case MONTH -> "Måned";
            case QUARTER -> "Kvartal";
            case HALF_YEAR -> "Halvår";
        };
    }

    /** "november 2026", "3. kvartal 2026", "2. halvår 2026": a VAT period as the tax agency names it. */
    public static String vatPeriod(dk.ledgerline.vat.VatPeriod period) {
        return switch (period.type()) {
            case MONTH -> month(period.index()) + " " + period.year();
            case QUARTER -> period.index() + ". kvartal " + period.year();
            case HALF_YEAR -> period.index() + ". halvår " + period.year();
        };
    }

    public static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public static String month(int month) {
        return java.time.Month.of(month).getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.forLanguageTag("da"));
    }

    public static String spinnerOutcome(String outcome) {
        return switch (outcome) {
            case "ok" -> "lykkedes";
            case "error" -> "fejl";
            case "timeout" -> "tidsfrist overskredet";
            case "offline" -> "ingen forbindelse";
            case "abandoned" -> "forladt";
            default -> outcome;
        };
    }

    public static String spinnerCause(dk.ledgerline.ops.SpinnerSummary.Cause cause) {
        return switch (cause) {
            case SERVER -> "server";
            case NETWORK -> "net/browser";
            case ABANDONED -> "opgivet";
        };
    }
}
