package dk.ledgerline.ledger;

import java.time.LocalDate;
import java.util.List;

/**
 * One thing a bookkeeper does to a company's ledger, as plain generated data. Whatever depends on
 * what happened before (which voucher to reverse, which locked date to hit) is an index the model
 * resolves when the command runs, so every shortened or simplified sequence still means something.
 */
sealed interface LedgerCommand {

    /** Posts one valid voucher. It may still be refused when its date lies in a locked period. */
    record Post(VoucherDraft draft) implements LedgerCommand {}

    /** Posts a valid voucher spoiled by one defect, in line {@code line}; {@code variant} picks how. */
    record PostDefective(VoucherDraft valid, PlantedDefect defect, int line, int variant) implements LedgerCommand {}

    /**
     * Posts several vouchers all or nothing; with a defect, the voucher at {@code defective} (modulo
     * the count) carries it and none of them is stored.
     */
    record PostTogether(List<VoucherDraft> drafts, PlantedDefect defect, int defective, int line, int variant) implements LedgerCommand {}

    /**
     * Reverses the voucher at {@code pick} (modulo the vouchers posted so far), or one already
     * reversed when {@code again}; on its own date when {@code date} is null.
     */
    record Reverse(int pick, boolean again, LocalDate date) implements LedgerCommand {}

    record Lock(LocalDate from, LocalDate to) implements LedgerCommand {}

    /** Settles the VAT quarter at {@code pick} (modulo the quarters of 2025 and 2026 that have ended). */
    record Settle(int pick) implements LedgerCommand {}
}
