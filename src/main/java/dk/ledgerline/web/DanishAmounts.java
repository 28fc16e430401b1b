package dk.ledgerline.web;

import dk.ledgerline.shared.Amounts;
import dk.ledgerline.shared.ProblemException.Message;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amounts as Danish users read and type them. Tables show "1.250,00"; inputs accept that, the
 * API's "1250.00", and "1250,00". The canonical decimal string then goes through
 * {@link Amounts#parse}, so its limits stay the only limits.
 */
public final class DanishAmounts {
    /** Grouped with dots and a decimal comma: "1.250,00", "-12.500", "1.250.000,5". */
    private static final Pattern GROUPED_WITH_DOTS = Pattern.compile("(-?)(\\d{1,3}(?:\\.\\d{3})+)(?:,(\\d{1,2}))?");
    /** Grouped with commas and a decimal point, as a spreadsheet in English writes it: "1,250.00". */
    private static final Pattern GROUPED_WITH_COMMAS = Pattern.compile("(-?)(\\d{1,3}(?:,\\d{3})+)(?:\\.(\\d{1,2}))?");
    /** Ungrouped, with a decimal comma or point: "1250", "1250,00", "1250.5". */
    private static final Pattern PLAIN = Pattern.compile("(-?)(\\d+)(?:[.,](\\d{1,2}))?");
    /** One group separator and three digits, "1.250" or "1,250": a thousand to one reader, a fraction to another. */
    private static final Pattern AMBIGUOUS = Pattern.compile("-?\\d{1,3}[.,]\\d{3}");
    /** The longest input worth looking at; a real amount is far shorter. */
    private static final int INPUT_LENGTH_MAX = 40;

    private DanishAmounts() {}

    /** What is wrong with something typed as an amount, to be said in the user's language. */
    public static final class NotAnAmount extends IllegalArgumentException {
        private final Message message;

        NotAnAmount(Message message) {
            super(message.english());
            this.message = message;
        }

        public Message message() {
            return message;
        }
    }

    /**
     * Øre from what a user typed. Spaces (also non-breaking, as copied from a bank statement) and a
     * typographic minus are accepted. One separator followed by three digits ("1.250", "1,250") is
     * refused: it is 1250 kr. to one reader and 1,25 kr. to another, and money is never guessed.
     */
    public static long parse(String text) {
        if (text == null || text.isBlank()) throw new NotAnAmount(Message.of("amount.required"));
        if (text.length() > INPUT_LENGTH_MAX) throw new NotAnAmount(Message.of("amount.tooLong"));
        String compact = text.strip().replace(" ", "").replace("\u00A0", "").replace("\u202F", "").replace('\u2212', '-');
        if (AMBIGUOUS.matcher(compact).matches()) {
            String whole = compact.replaceAll("[.,]", "");
            throw new NotAnAmount(Message.of("amount.ambiguous", text.strip(), whole));
        }
        String canonical = canonical(compact);
        if (canonical == null) throw new NotAnAmount(Message.of("amount.notAmount", text.strip()));
        try {
            return Amounts.parse(canonical);
        } catch (IllegalArgumentException e) {
            throw new NotAnAmount(Message.of("amount.tooLargeOrPrecise", text.strip()));
        }
    }

    /** "1.250,00" for 125000 øre; "-0,50" for -50. */
    public static String format(long minor) {
        long abs = Math.abs(minor);
        // Math.abs(Long.MIN_VALUE) stays negative; no amount comes near it (Amounts.MAX_ABS_MINOR).
        if (abs < 0) throw new IllegalArgumentException("amount " + minor + " is out of range");
        String kroner = group(Long.toString(abs / 100));
        long ore = abs % 100;
        return (minor < 0 ? "-" : "") + kroner + "," + (ore < 10 ? "0" : "") + ore;
    }

    /** Whole kroner, as the VAT return states them, in the same style: "1.250,00". */
    public static String formatKroner(long wholeKroner) {
        return format(Math.multiplyExact(wholeKroner, 100L));
    }

    private static String canonical(String compact) {
        for (Pattern pattern : new Pattern[] {GROUPED_WITH_DOTS, GROUPED_WITH_COMMAS, PLAIN}) {
            Matcher m = pattern.matcher(compact);
            if (m.matches()) {
                String whole = m.group(2).replace(".", "").replace(",", "");
                return m.group(1) + whole + (m.group(3) == null ? "" : "." + m.group(3));
            }
        }
        return null;
    }

    private static String group(String digits) {
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3);
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) out.append('.').append(digits, i, i + 3);
        return out.toString();
    }
}
