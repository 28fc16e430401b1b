package dk.ledgerline.vat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Optional;

/**
 * Ledgerline's VAT codes. Each maps to the official standard VAT code (standardmomskode) that the
 * Danish bookkeeping law asks registered systems to map to, and to where it lands on the return.
 */
public enum VatCode {
    U25("Salgsmoms 25 % (salg i Danmark)", 25, Treatment.OUTPUT_GROSS, Box.NONE, "S01"),
    I25("Købsmoms 25 % (køb i Danmark)", 25, Treatment.INPUT_GROSS, Box.NONE, "K010"),
    EUV("EU-køb af varer, omvendt betalingspligt (rubrik A varer)", 25, Treatment.REVERSE_CHARGE_GOODS, Box.RUBRIK_A_GOODS, "K210"),
    EUY("EU-køb af ydelser, omvendt betalingspligt (rubrik A ydelser)", 25, Treatment.REVERSE_CHARGE_SERVICES, Box.RUBRIK_A_SERVICES, "K260"),
    UDY("Køb af ydelser uden for EU, omvendt betalingspligt", 25, Treatment.REVERSE_CHARGE_SERVICES, Box.NONE, "K460"),
    EUSV("EU-salg af varer uden moms (rubrik B varer, EU-salgsangivelse)", 0, Treatment.NONE, Box.RUBRIK_B_GOODS_REPORTED, "S21"),
    EUSVN("EU-salg af varer, ikke til EU-salgsangivelsen (rubrik B varer)", 0, Treatment.NONE, Box.RUBRIK_B_GOODS_NOT_REPORTED, "S22"),
    EUSY("EU-salg af ydelser uden moms (rubrik B ydelser)", 0, Treatment.NONE, Box.RUBRIK_B_SERVICES, "S23"),
    EKS("Eksport og andre momsfrie leverancer (rubrik C)", 0, Treatment.NONE, Box.RUBRIK_C, "S41"),
    FRI("Momsfri, uden for momsangivelsen", 0, Treatment.NONE, Box.NONE, "K030");

    /** How posting turns a line with this code into entries. */
    public enum Treatment {
        /** The amount includes VAT; the VAT part goes to the sales VAT account. */
        OUTPUT_GROSS,
        /** The amount includes VAT; the VAT part goes to the purchase VAT account. */
        INPUT_GROSS,
        /** The amount is net; VAT is added to the goods-abroad account and deducted as purchase VAT. */
        REVERSE_CHARGE_GOODS,
        /** The amount is net; VAT is added to the services-abroad account and deducted as purchase VAT. */
        REVERSE_CHARGE_SERVICES,
        /** Posted as it is; only counted in its box. */
        NONE
    }

    /** The box of the return (rubrik) the line's net amount is counted in. */
    public enum Box { NONE, RUBRIK_A_GOODS, RUBRIK_A_SERVICES, RUBRIK_B_GOODS_REPORTED, RUBRIK_B_GOODS_NOT_REPORTED, RUBRIK_B_SERVICES, RUBRIK_C }

    private final String description;
    private final int ratePercent;
    private final Treatment treatment;
    private final Box box;
    private final String standardCode;

    VatCode(String description, int ratePercent, Treatment treatment, Box box, String standardCode) {
        this.description = description;
        this.ratePercent = ratePercent;
        this.treatment = treatment;
        this.box = box;
        this.standardCode = standardCode;
    }

    public String description() { return description; }
    public int ratePercent() { return ratePercent; }
    public Treatment treatment() { return treatment; }
    public Box box() { return box; }
    public String standardCode() { return standardCode; }

    /** The VAT at this code's rate on a net amount in øre: net × rate / 100, half-up to the øre, sign kept. */
    public long vatOfNet(long netMinor) {
        return BigDecimal.valueOf(netMinor).multiply(BigDecimal.valueOf(ratePercent))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
    }

    public static Optional<VatCode> of(String code) {
        return Arrays.stream(values()).filter(v -> v.name().equals(code)).findFirst();
    }
}
