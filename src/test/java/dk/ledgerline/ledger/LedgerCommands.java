package dk.ledgerline.ledger;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;

/**
 * Generators of commands. Each draws the kind of command first and then its parts, so QuickTheories
 * shrinks a failing sequence to fewer, plainer commands: towards posting one voucher in kroner.
 */
final class LedgerCommands {
    /** Accounts of the default chart that are not VAT accounts, across all five types. */
    static final List<Integer> ACCOUNTS = List.of(1010, 1050, 1610, 1630, 1710, 2030, 2180, 2850, 3670, 5580, 6190, 6480, 6530, 7330, 7440, 7920);
    static final List<String> VAT_CODES = List.of("U25", "I25", "EUV", "EUY", "UDY", "EUSV", "EUSVN", "EUSY", "EKS", "FRI");
    static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2026, 12, 31);
    /** Where rules change: the fiscal years' and the VAT quarters' first and last days. */
    static final List<LocalDate> BOUNDARIES = List.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 31), LocalDate.of(2025, 4, 1),
            LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30), LocalDate.of(2026, 7, 1), LocalDate.of(2026, 12, 31));
    /** Rates as banks quote them (DKK per unit), with 1 to 6 decimals. */
    static final Map<String, List<BigDecimal>> QUOTED_RATES = Map.of(
            "EUR", List.of(new BigDecimal("7.4604"), new BigDecimal("7.46"), new BigDecimal("7.457125")),
            "USD", List.of(new BigDecimal("6.8"), new BigDecimal("6.3251"), new BigDecimal("7.123456")),
            "SEK", List.of(new BigDecimal("0.65"), new BigDecimal("0.6812"), new BigDecimal("0.712345")));
    static final List<String> FOREIGN_CURRENCIES = List.of("EUR", "USD", "SEK");
    /**
     * Generated rates lie from 0.5 to 12 DKK: the currencies a Danish small business meets. From
     * 0.5 up, one minor unit converts to at least one øre, so a valid voucher has no empty entry.
     */
    static final BigDecimal GENERATED_RATE_MIN = new BigDecimal("0.5");
    static final int GENERATED_RATE_MAX = 12;
    static final int EXCHANGE_RATE_SCALE_MAX = 6;
    /** 500 000.00 a line: large enough for rounding on every VAT code, far from any limit when summed. */
    static final long LINE_AMOUNT_MAX = 50_000_000L;
    /**
     * The smallest line, one øre (or cent): its VAT rounds to nothing, which posting leaves out
     * rather than storing an entry of 0.00; at a rate of 0.5 or more it still comes to one øre.
     */
    static final long LINE_AMOUNT_MIN = 1;
    /** Below 10.00 every øre of rounding matters; a quarter of the amounts are drawn there. */
    static final long SMALL_AMOUNT_MAX = 999;
    /** Lines a generated voucher has before its balancing line; vouchers are short in practice. */
    static final int GENERATED_LINES_MAX = 6;
    /** Vouchers posted together in one call. */
    static final int TOGETHER_MAX = 3;
    /** Short texts, one with spaces to trim, and one at the limit, which a reversal's own text must cut. */
    static final List<String> TEXTS = List.of("Salg af varer", "Husleje december", "  Varekøb EU  ", "Løn", "Ærø-færgen, billetter", "Renter Q4",
            "Samlefaktura for kvartalet, ".repeat(10).substring(0, VoucherDraft.TEXT_LENGTH_MAX));
    static final List<String> LINE_TEXTS = Arrays.asList("", null, "Faktura 1043", "Modpost bank");

    private static final Gen<Integer> PERCENT = integers().between(0, 99);
    private static final Gen<Integer> PICKS = integers().between(0, 1_000);
    private static final Gen<LocalDate> ANY_DAY = integers().between(0, (int) ChronoUnit.DAYS.between(FIRST_DAY, LAST_DAY)).map(FIRST_DAY::plusDays);

    private LedgerCommands() {}

    static Gen<List<LedgerCommand>> sequences(List<PlantedDefect> defects, int lengthMax) {
        return lists().of(commands(defects)).ofSizeBetween(1, lengthMax);
    }

    static Gen<LedgerCommand> commands(List<PlantedDefect> defects) {
        Gen<VoucherDraft> valid = validDrafts();
        Gen<PlantedDefect> defect = arbitrary().pick(defects);
        Gen<Integer> togetherCount = integers().between(2, TOGETHER_MAX);
        return random -> {
            int kind = PERCENT.generate(random);
            if (kind < 30) return new LedgerCommand.Post(valid.generate(random));
            if (kind < 50) return new LedgerCommand.PostDefective(valid.generate(random), defect.generate(random), PICKS.generate(random), PICKS.generate(random));
            if (kind < 58) {
                List<VoucherDraft> drafts = new ArrayList<>();
                for (int n = togetherCount.generate(random); drafts.size() < n; ) drafts.add(valid.generate(random));
                PlantedDefect planted = PERCENT.generate(random) < 50 ? null : defect.generate(random);
                return new LedgerCommand.PostTogether(List.copyOf(drafts), planted, PICKS.generate(random), PICKS.generate(random), PICKS.generate(random));
            }
            if (kind < 73) {
                return new LedgerCommand.Reverse(PICKS.generate(random), PERCENT.generate(random) < 25,
                        PERCENT.generate(random) < 50 ? null : dates().generate(random));
            }
            if (kind < 83) return locks().generate(random);
            return new LedgerCommand.Settle(PICKS.generate(random));
        };
    }

    /** Mostly any day of 2025 and 2026, often a day where a year or a quarter begins or ends. */
    static Gen<LocalDate> dates() {
        Gen<LocalDate> boundary = arbitrary().pick(BOUNDARIES);
        return random -> PERCENT.generate(random) < 30 ? boundary.generate(random) : ANY_DAY.generate(random);
    }

    /** A calendar month, a few days around the new year, or any short range. */
    static Gen<LedgerCommand.Lock> locks() {
        Gen<Integer> months = integers().between(0, 23);
        Gen<Integer> fewDays = integers().between(0, 3);
        Gen<Integer> length = integers().between(0, 45);
        return random -> switch (integers().between(0, 2).generate(random)) {
            case 0 -> {
                LocalDate from = FIRST_DAY.plusMonths(months.generate(random));
                yield new LedgerCommand.Lock(from, from.plusMonths(1).minusDays(1));
            }
            case 1 -> new LedgerCommand.Lock(LocalDate.of(2025, 12, 31).minusDays(fewDays.generate(random)),
                    LocalDate.of(2026, 1, 1).plusDays(fewDays.generate(random)));
            default -> {
                LocalDate from = ANY_DAY.generate(random);
                yield new LedgerCommand.Lock(from, from.plusDays(length.generate(random)));
            }
        };
    }

    /** Balanced vouchers in DKK, EUR, USD or SEK, with any VAT code or none on each line. */
    static Gen<VoucherDraft> validDrafts() {
        Gen<LocalDate> dates = dates();
        Gen<String> currencies = arbitrary().pick(FOREIGN_CURRENCIES);
        Gen<Integer> lineCounts = integers().between(1, GENERATED_LINES_MAX);
        Gen<Integer> accounts = arbitrary().pick(ACCOUNTS);
        Gen<Integer> vatCodes = integers().between(0, 2 * VAT_CODES.size() - 1);
        Gen<Boolean> credit = booleans().all();
        Gen<String> texts = arbitrary().pick(TEXTS);
        Gen<String> lineTexts = arbitrary().pick(LINE_TEXTS);
        Gen<BigDecimal> rates = rates();
        Map<String, Gen<BigDecimal>> quoted = Map.of("EUR", arbitrary().pick(QUOTED_RATES.get("EUR")),
                "USD", arbitrary().pick(QUOTED_RATES.get("USD")), "SEK", arbitrary().pick(QUOTED_RATES.get("SEK")));
        return random -> {
            LocalDate date = dates.generate(random);
            boolean foreign = PERCENT.generate(random) < 50;
            String currency = foreign ? currencies.generate(random) : VoucherDraft.HOME_CURRENCY;
            BigDecimal rate = !foreign ? null
                    : PERCENT.generate(random) < 50 ? quoted.get(currency).generate(random) : rates.generate(random);
            List<VoucherDraft.Line> lines = new ArrayList<>();
            long sum = 0;
            for (int n = lineCounts.generate(random); lines.size() < n; ) {
                int code = vatCodes.generate(random);
                String vatCode = code < VAT_CODES.size() ? VAT_CODES.get(code) : null;
                long max = PERCENT.generate(random) < 25 ? SMALL_AMOUNT_MAX : LINE_AMOUNT_MAX;
                long amount = longs().between(LINE_AMOUNT_MIN, max).generate(random) * (credit.generate(random) ? -1 : 1);
                lines.add(new VoucherDraft.Line(accounts.generate(random), amount, vatCode, lineTexts.generate(random)));
                sum += amount;
            }
            int balancing = accounts.generate(random);
            if (sum == 0) {
                lines.add(new VoucherDraft.Line(balancing, LINE_AMOUNT_MIN, null, "modpost"));
                sum = LINE_AMOUNT_MIN;
            }
            lines.add(new VoucherDraft.Line(balancing, -sum, null, "modpost"));
            return new VoucherDraft(date, texts.generate(random), currency, rate, List.copyOf(lines));
        };
    }

    /** Any rate from 0.5 to 12 with 0 to 6 decimals. */
    static Gen<BigDecimal> rates() {
        Gen<Integer> scales = integers().between(0, EXCHANGE_RATE_SCALE_MAX);
        return random -> {
            int scale = scales.generate(random);
            long lowest = GENERATED_RATE_MIN.movePointRight(scale).setScale(0, RoundingMode.CEILING).longValueExact();
            long highest = BigDecimal.valueOf(GENERATED_RATE_MAX).movePointRight(scale).longValueExact();
            return BigDecimal.valueOf(longs().between(Math.max(1, lowest), highest).generate(random), scale);
        };
    }
}
