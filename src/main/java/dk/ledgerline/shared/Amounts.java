package dk.ledgerline.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Money is a {@code long} of minor units (øre). The API speaks decimal strings; this class is the
 * one place that turns one into the other.
 */
public final class Amounts {
    /** 999 999 999 999.99 kr.: far above any Danish small business voucher, far below overflow of a long sum. */
    public static final long MAX_ABS_MINOR = 99_999_999_999_999L;

    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,12}(\\.\\d{1,2})?");

    private Amounts() {}

    /** Parses "1250.00", "-99.5" or "10" into øre; rejects anything else, with a reason. */
    public static long parse(String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("amount must be a decimal string with at most 12 digits before and 2 after the point, like \"1250.00\"; got " + quote(text));
        }
        long minor = new BigDecimal(text).movePointRight(2).longValueExact();
        if (Math.abs(minor) > MAX_ABS_MINOR) {
            throw new IllegalArgumentException("amount is larger than " + format(MAX_ABS_MINOR));
        }
        return minor;
    }

    public static String format(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }

    /** Whole kroner as the VAT return form asks, half-up on the øre. */
    public static long toWholeKroner(long minor) {
        return BigDecimal.valueOf(minor, 2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String quote(String text) {
        if (text == null) return "nothing";
        return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
    }
}
