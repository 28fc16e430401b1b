package dk.ledgerline.api;

import dk.ledgerline.shared.Amounts;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/** Parses what the API receives as text (dates, amounts), naming the field when it is wrong. */
final class Params {
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private Params() {}

    static LocalDate date(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "is required (YYYY-MM-DD)"));
            return null;
        }
        LocalDate date = parseDate(text);
        if (date == null) errors.add(new FieldError(field, "must be a date as YYYY-MM-DD between 1900-01-01 and 9999-12-31; was \"" + abbreviate(text) + "\""));
        return date;
    }

    /** A query parameter date: absent is null, malformed is 400. */
    static LocalDate optionalDate(String name, String text) {
        if (text == null || text.isBlank()) return null;
        LocalDate date = parseDate(text);
        if (date == null) throw ProblemException.badRequest("parameter '" + name + "' must be a date as YYYY-MM-DD; was \"" + abbreviate(text) + "\"");
        return date;
    }

    static Long amount(String field, String text, List<FieldError> errors) {
        try {
            return Amounts.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    /** The constant of {@code type} named by {@code text} (any case); otherwise a 422 naming {@code field} with the message {@code code}. */
    static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field, String code) {
        try {
            return Enum.valueOf(type, text == null ? "" : text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("the request is not valid", List.of(FieldError.of(field, code)));
        }
    }

    private static LocalDate parseDate(String text) {
        if (!ISO_DATE.matcher(text).matches()) return null;
        try {
            LocalDate date = LocalDate.parse(text);
            return date.getYear() < 1900 ? null : date;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
