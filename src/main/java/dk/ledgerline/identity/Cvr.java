package dk.ledgerline.identity;

/** The Danish company registration number: 8 digits whose weighted sum is divisible by 11. */
public final class Cvr {
    private static final int[] WEIGHTS = {2, 7, 6, 5, 4, 3, 2, 1};

    private Cvr() {}

    /** Null when valid, otherwise what is wrong. */
    public static String problem(String cvr) {
        if (cvr == null || !cvr.matches("\\d{8}")) return "CVR number must be exactly 8 digits";
        if (cvr.charAt(0) == '0') return "CVR number cannot start with 0";
        int sum = 0;
        for (int i = 0; i < 8; i++) sum += (cvr.charAt(i) - '0') * WEIGHTS[i];
        return sum % 11 == 0 ? null : "CVR number " + cvr + " fails its modulus-11 check";
    }
}
