package dk.ledgerline.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A draft journal (kassekladde): lines anyone may edit until they are posted. Lines with the same
 * document number become one voucher; a line with a contra account balances itself.
 */
public record Journal(long id, String name, Instant createdAt, List<Line> lines) {
    public static final int LINES_MAX = 2_000;
    public static final int NAME_LENGTH_MAX = 100;

    public record Line(long id, int document, LocalDate date, String text, int account, long amount, String vatCode, Integer contraAccount) {}
}
