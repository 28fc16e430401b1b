package dk.ledgerline.web;

import dk.ledgerline.shared.Language;
import dk.ledgerline.shared.ProblemException;
import dk.ledgerline.shared.ProblemException.FieldError;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What went wrong with a form, as the page shows it: one sentence, then each field or journal line
 * with its reason. Built from a {@link ProblemException} or a posting rejection, never from a stack trace.
 */
public record Failure(String message, List<Item> items) {
    private static final Pattern JOURNAL_LINE = Pattern.compile("^line (\\d+)\\b.*");

    /** {@code field} is the service's name for it ("line 17.account"); {@code label} the user's ("Linje 17, konto"). */
    public record Item(String field, String label, String message) {
        public String text() {
            return label.isEmpty() ? message : label + ": " + message;
        }
    }

    public Failure {
        items = List.copyOf(items);
    }

    /** In the user's language: the problem's and each field's message by its code; one without a code as the service worded it. */
    static Failure of(ProblemException problem) {
        Language language = Languages.current();
        String message = problem.message() != null ? problem.message().in(language) : problem.detail();
        return of(message, problem.errors());
    }

    static Failure of(String message, List<FieldError> errors) {
        Language language = Languages.current();
        return new Failure(message, errors.stream()
                .map(e -> new Item(e.field(), Labels.field(e.field()), e.code() != null ? e.code().in(language) : e.message())).toList());
    }

    /** A failure of the pages' own, by the key of its text. */
    static Failure saying(String key, Object... args) {
        return new Failure(Languages.t(key, args), List.of());
    }

    /** The message and each item's text in one line, for a script that shows it as it is. */
    public String sentence() {
        StringBuilder text = new StringBuilder(message);
        for (Item item : items) text.append(' ').append(item.text());
        return text.toString();
    }

    /** The journal lines named by the errors, so their rows can be marked. */
    public Set<Long> journalLines() {
        Set<Long> lines = new TreeSet<>();
        for (Item item : items) {
            Matcher m = JOURNAL_LINE.matcher(item.field() == null ? "" : item.field());
            if (m.matches()) lines.add(Long.parseLong(m.group(1)));
        }
        return lines;
    }
}
