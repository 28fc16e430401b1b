package dk.ledgerline.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vouchers as small Danish businesses post them, on the default chart of accounts. The weights are
 * a guess at a VAT-day mix: mostly sales and purchases, some EU trade, some split invoices.
 * Each voucher's text carries its idempotency key, so the audit can tell every stored voucher
 * back to the one request that made it.
 */
final class VoucherShapes {
    enum Shape {
        /** A sale with 25 % output VAT: the receivable against gross sales (kundefaktura). */
        DOMESTIC_SALE(40),
        /** A purchase with 25 % input VAT, against a supplier or the bank (leverandørfaktura). */
        DOMESTIC_PURCHASE(25),
        /** Goods bought in another EU country: reverse charge, both output and input VAT. */
        EU_PURCHASE(10),
        /** One supplier invoice split over two to five expense accounts: 3 to 6 lines. */
        SPLIT_INVOICE(25);

        final int weight;

        Shape(int weight) {
            this.weight = weight;
        }
    }

    record Line(int account, long amountOre, String vatCode) {}

    record Request(String idempotencyKey, Shape shape, String json) {}

    private static final int WEIGHT_TOTAL = 100;
    /** Sales and purchases between 100 kr. and 50,000 kr.: the body of a small business's vouchers. */
    private static final long AMOUNT_ORE_MIN = 100_00;
    private static final long AMOUNT_ORE_MAX = 50_000_00;
    private static final int[] PURCHASE_ACCOUNTS = {1610, 2030, 2410, 2450, 2510};
    private static final int[] SPLIT_ACCOUNTS_WITH_VAT = {2050, 2080, 2410, 2450, 1850, 2160};
    private static final int[] SPLIT_ACCOUNTS_WITHOUT_VAT = {1890, 2470};
    private static final int RECEIVABLES = 6190;
    private static final int SALES = 1010;
    private static final int BANK = 6480;
    private static final int SUPPLIERS = 7440;
    private static final int EU_GOODS = 1630;
    private static final Pattern KEY_IN_TEXT = Pattern.compile("\\[([0-9a-f-]{36})]$");

    static {
        int sum = 0;
        for (Shape shape : Shape.values()) sum += shape.weight;
        if (sum != WEIGHT_TOTAL) throw new IllegalStateException("shape weights sum to " + sum + ", not " + WEIGHT_TOTAL);
    }

    private final SplittableRandom random;
    private final LocalDate from;
    private final long days;
    private int invoiceNumber;

    VoucherShapes(long seed, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) throw new IllegalArgumentException("no days to post on: " + from + " to " + to);
        this.random = new SplittableRandom(seed);
        this.from = from;
        this.days = ChronoUnit.DAYS.between(from, to) + 1;
        this.invoiceNumber = 1000 + random.nextInt(9000);
    }

    Request next() {
        Shape shape = pick();
        String key = UUID.randomUUID().toString();
        LocalDate date = from.plusDays(random.nextLong(days));
        List<Line> lines = new ArrayList<>();
        String text;
        switch (shape) {
            case DOMESTIC_SALE -> {
                long gross = amount();
                lines.add(new Line(RECEIVABLES, gross, null));
                lines.add(new Line(SALES, -gross, "U25"));
                text = "Faktura " + (invoiceNumber++);
            }
            case DOMESTIC_PURCHASE -> {
                long gross = amount();
                lines.add(new Line(PURCHASE_ACCOUNTS[random.nextInt(PURCHASE_ACCOUNTS.length)], gross, "I25"));
                lines.add(new Line(random.nextBoolean() ? SUPPLIERS : BANK, -gross, null));
                text = "Købsfaktura " + random.nextInt(100_000);
            }
            case EU_PURCHASE -> {
                long net = amount();
                lines.add(new Line(EU_GOODS, net, "EUV"));
                lines.add(new Line(SUPPLIERS, -net, null));
                text = "Varekøb EU " + random.nextInt(100_000);
            }
            case SPLIT_INVOICE -> {
                int expenseLines = 2 + random.nextInt(4);
                long total = 0;
                for (int i = 0; i < expenseLines; i++) {
                    long part = amount() / 5;
                    boolean withVat = random.nextInt(4) != 0;
                    int[] accounts = withVat ? SPLIT_ACCOUNTS_WITH_VAT : SPLIT_ACCOUNTS_WITHOUT_VAT;
                    lines.add(new Line(accounts[random.nextInt(accounts.length)], part, withVat ? "I25" : null));
                    total += part;
                }
                lines.add(new Line(random.nextBoolean() ? SUPPLIERS : BANK, -total, null));
                text = "Samlefaktura " + random.nextInt(100_000);
            }
            default -> throw new IllegalStateException("no shape " + shape);
        }
        return new Request(key, shape, json(date, text + " [" + key + "]", lines));
    }

    /** The idempotency key a voucher's text carries, or null for a voucher this benchmark did not post. */
    static String keyOf(String text) {
        Matcher m = KEY_IN_TEXT.matcher(text == null ? "" : text);
        return m.find() ? m.group(1) : null;
    }

    static String amount(long ore) {
        return BigDecimal.valueOf(ore, 2).toPlainString();
    }

    private Shape pick() {
        int roll = random.nextInt(WEIGHT_TOTAL);
        for (Shape shape : Shape.values()) {
            if (roll < shape.weight) return shape;
            roll -= shape.weight;
        }
        throw new IllegalStateException("weights do not cover " + roll);
    }

    private long amount() {
        return random.nextLong(AMOUNT_ORE_MIN, AMOUNT_ORE_MAX + 1);
    }

    private static String json(LocalDate date, String text, List<Line> lines) {
        long sum = 0;
        StringBuilder out = new StringBuilder("{\"date\": \"").append(date).append("\", \"text\": \"").append(text).append("\", \"lines\": [");
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            sum += line.amountOre();
            if (i > 0) out.append(", ");
            out.append("{\"account\": ").append(line.account()).append(", \"amount\": \"").append(amount(line.amountOre())).append('"');
            if (line.vatCode() != null) out.append(", \"vatCode\": \"").append(line.vatCode()).append('"');
            out.append('}');
        }
        if (sum != 0) throw new IllegalStateException("generated an unbalanced voucher: " + lines);
        return out.append("]}").toString();
    }
}
