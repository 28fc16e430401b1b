package dk.ledgerline.identity;

import dk.ledgerline.shared.ProblemException.Message;

/** The Danish company registration number: 8 digits whose weighted sum is divisible by 11. */
public final class Cvr {
    private static final int[] WEIGHTS = {2, 7, 6, 5, 4, 3, 2, 1};

    private Cvr() {}

    /** Null when valid, otherwise what is wrong. */
    public static Message problem(String cvr) {
        if (cvr == null || !cvr.matches("\\d{8}")) return Message.of("cvr.digits");
        if (cvr.charAt(0) == '0') return Message.of("cvr.zero");
        int sum = 0;
        for (int i = 0; i < 8; i++) sum += (cvr.charAt(i) - '0') * WEIGHTS[i];
        return sum % 11 == 0 ? null : Message.of("cvr.modulus", cvr);
    }
}
