package dk.ledgerline.shared;

import java.util.Arrays;
import java.util.List;

/**
 * An expected failure that ends a request with an RFC 9457 problem. {@code errors} names the
 * offending fields or lines, so a client can show the user exactly what to fix.
 *
 * <p>A problem the pages show carries a {@link Message}: a code and its arguments, which the pages
 * say in the user's language; its detail is the English text of that code, as the API answers it.
 */
public class ProblemException extends Rejection {
    private final int status;
    private final String title;
    private final Message message;
    private final List<FieldError> errors;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<FieldError> errors) {
        this(status, title, null, detail, errors);
    }

    public ProblemException(int status, String title, Message message, List<FieldError> errors) {
        this(status, title, message, message.english(), errors);
    }

    private ProblemException(int status, String title, Message message, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.message = message;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not found", what + " does not exist");
    }

    public static ProblemException notFound(Message what) {
        return new ProblemException(404, "Not found", what, List.of());
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail);
    }

    public static ProblemException unprocessable(String detail, List<FieldError> errors) {
        return new ProblemException(422, "Unprocessable request", detail, errors);
    }

    public static ProblemException unprocessable(Message detail, List<FieldError> errors) {
        return new ProblemException(422, "Unprocessable request", detail, errors);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException conflict(Message detail) {
        return new ProblemException(409, "Conflict", detail, List.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public static ProblemException forbidden(Message detail) {
        return new ProblemException(403, "Forbidden", detail, List.of());
    }

    public int status() { return status; }
    public String title() { return title; }
    public String detail() { return getMessage(); }
    /** The detail by its code, or null for a problem only the API words (in English). */
    public Message message() { return message; }
    public List<FieldError> errors() { return errors; }

    /**
     * Something to say, by its code in the texts ({@code error.<code>}) and its arguments, each as
     * the text it is shown as. {@link #english()} is what the API answers.
     */
    public record Message(String code, List<String> args) {
        public Message {
            args = List.copyOf(args);
        }

        public static Message of(String code, Object... args) {
            return new Message(code, Arrays.stream(args).map(a -> a == null ? "" : String.valueOf(a)).toList());
        }

        /** An argument that is a date: each language writes it its own way ("31.03.2025", "2025-03-31"). */
        public static String date(java.time.LocalDate date) {
            return Texts.DATE_MARK + date;
        }

        /** An argument that is an amount in øre: each language writes it its own way ("1.250,00", "1250.00"). */
        public static String money(long minor) {
            return Texts.MONEY_MARK + minor;
        }

        public String in(Language language) {
            return Texts.of(language).get("error." + code, args.toArray());
        }

        public String english() {
            return in(Language.EN);
        }
    }

    /**
     * One thing wrong with the input: {@code field} is a JSON pointer-like path, such as
     * "lines[2].account"; {@code message} its English text, and {@code code}, when it has one, what
     * the pages say in the user's language.
     */
    public record FieldError(String field, String message, Message code) {
        public FieldError(String field, String message) {
            this(field, message, null);
        }

        public static FieldError of(String field, String code, Object... args) {
            Message message = Message.of(code, args);
            return new FieldError(field, message.english(), message);
        }

        /** The same error under another field name (a line of a batch, say). */
        public FieldError at(String otherField) {
            return new FieldError(otherField, message, code);
        }
    }
}
