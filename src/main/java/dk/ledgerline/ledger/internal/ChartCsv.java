package dk.ledgerline.ledger.internal;

import dk.ledgerline.ledger.Account;
import dk.ledgerline.ledger.AccountType;
import dk.ledgerline.shared.ProblemException.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The chart of accounts as semicolon-separated text, the way Danish spreadsheets write it:
 * {@code number;name;type;vatCode;standardAccount}, a header line first.
 */
public final class ChartCsv {
    public static final String HEADER = "number;name;type;vatCode;standardAccount";
    /** Far above any real chart, far below what would strain a request. */
    public static final int LINES_MAX = 5_000;

    private ChartCsv() {}

    public static String write(List<Account> accounts) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Account a : accounts) {
            out.append(a.number()).append(';')
                    .append(a.name().replace(";", ",")).append(';')
                    .append(a.type().name()).append(';')
                    .append(a.vatCode() == null ? "" : a.vatCode()).append(';')
                    .append(a.standardAccount() == null ? "" : a.standardAccount()).append('\n');
        }
        return out.toString();
    }

    public record Parsed(List<Account> accounts, List<FieldError> errors) {}

    /** Parses every line and reports every problem by line number; {@code knownVatCode} says which codes exist. */
    public static Parsed read(String text, Predicate<String> knownVatCode) {
        List<Account> accounts = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        String[] lines = text.strip().split("\\r?\\n");
        if (lines.length > LINES_MAX + 1) {
            return new Parsed(List.of(), List.of(FieldError.of("csv", "chart.tooMany", LINES_MAX)));
        }
        int first = 0;
        if (lines.length > 0 && lines[0].replace("\uFEFF", "").toLowerCase(Locale.ROOT).startsWith("number;")) first = 1;
        Set<Integer> seen = new HashSet<>();
        for (int i = first; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) continue;
            String where = "line " + (i + 1);
            String[] cells = line.split(";", -1);
            if (cells.length < 3 || cells.length > 5) {
                errors.add(FieldError.of(where, "chart.fields", HEADER, cells.length));
                continue;
            }
            Integer number = parseInt(cells[0].trim());
            if (number == null || number < 1 || number > Account.NUMBER_MAX) {
                errors.add(FieldError.of(where, "chart.number", Account.NUMBER_MAX, cells[0].trim()));
                continue;
            }
            if (!seen.add(number)) {
                errors.add(FieldError.of(where, "chart.twice", number));
                continue;
            }
            String name = cells[1].trim();
            if (name.isEmpty() || name.length() > Account.NAME_LENGTH_MAX) {
                errors.add(FieldError.of(where, "chart.name", Account.NAME_LENGTH_MAX));
                continue;
            }
            AccountType type;
            try {
                type = AccountType.valueOf(cells[2].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of(where, "chart.type", cells[2].trim()));
                continue;
            }
            String vatCode = cells.length > 3 && !cells[3].isBlank() ? cells[3].trim().toUpperCase(Locale.ROOT) : null;
            if (vatCode != null && !knownVatCode.test(vatCode)) {
                errors.add(FieldError.of(where, "vatCode.unknown", vatCode));
                continue;
            }
            Integer standard = null;
            if (cells.length > 4 && !cells[4].isBlank()) {
                standard = parseInt(cells[4].trim());
                if (standard == null || standard < 1) {
                    errors.add(FieldError.of(where, "chart.standard", cells[4].trim()));
                    continue;
                }
            }
            accounts.add(new Account(number, name, type, vatCode, standard));
        }
        return new Parsed(accounts, errors);
    }

    private static Integer parseInt(String text) {
        if (!text.matches("\\d{1,9}")) return null;
        return Integer.parseInt(text);
    }
}
