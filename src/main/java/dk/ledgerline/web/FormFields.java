package dk.ledgerline.web;

import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a form's text fields into values, collecting every mistake instead of stopping at the first,
 * so the page can show them all at once. The services check the values again; this only parses.
 */
final class FormFields {
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    /** How Danes write a date by hand: 10-03-2025, 10.03.2025, 10/3/2025. */
    private static final Pattern DANISH_DATE = Pattern.compile("(\\d{1,2})[-./](\\d{1,2})[-./](\\d{4})");
    /** Nine digits hold every account number (at most 99 999 999) and cannot overflow an int. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");
    /** The ledger's own date limits are narrower; this only keeps nonsense years out of the parse. */
    private static final int YEAR_MIN = 1900;

    private final List<FieldError> errors = new ArrayList<>();

    LocalDate date(String field, String text) {
        if (isBlank(text)) {
            errors.add(FieldError.of(field, "form.dateRequired"));
            return null;
        }
        LocalDate date = parseDate(text.strip());
        if (date == null) errors.add(FieldError.of(field, "form.notDate", abbreviate(text)));
        return date;
    }

    LocalDate optionalDate(String field, String text) {
        return isBlank(text) ? null : date(field, text);
    }

    Long amount(String field, String text) {
        try {
            return DanishAmounts.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(e instanceof DanishAmounts.NotAnAmount not ? new FieldError(field, not.message().english(), not.message()) : new FieldError(field, e.getMessage()));
            return null;
        }
    }

    Integer wholeNumber(String field, String text) {
        if (isBlank(text)) {
            errors.add(FieldError.of(field, "required"));
            return null;
        }
        if (!WHOLE_NUMBER.matcher(text.strip()).matches()) {
            errors.add(FieldError.of(field, "form.notWholeNumber", abbreviate(text)));
            return null;
        }
        return Integer.parseInt(text.strip());
    }

    Integer optionalWholeNumber(String field, String text) {
        return isBlank(text) ? null : wholeNumber(field, text);
    }

    /** Null for an empty field, so services see "absent" rather than "". */
    static String optionalText(String text) {
        return isBlank(text) ? null : text.strip();
    }

    void add(String field, String code, Object... args) {
        errors.add(FieldError.of(field, code, args));
    }

    /** Throws the collected mistakes as one 422 problem, the same shape the services use; {@code detail} is a code of the texts. */
    void throwIfAny(String detail) {
        if (!errors.isEmpty()) throw ProblemException.unprocessable(ProblemException.Message.of(detail), errors);
    }

    private static LocalDate parseDate(String text) {
        Matcher iso = ISO_DATE.matcher(text);
        Matcher danish = DANISH_DATE.matcher(text);
        try {
            LocalDate date;
            if (iso.matches()) date = LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)));
            else if (danish.matches()) date = LocalDate.of(Integer.parseInt(danish.group(3)), Integer.parseInt(danish.group(2)), Integer.parseInt(danish.group(1)));
            else return null;
            return date.getYear() < YEAR_MIN ? null : date;
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String abbreviate(String text) {
        String stripped = text.strip();
        return stripped.length() > 40 ? stripped.substring(0, 40) + "…" : stripped;
    }
}
