package dk.ledgerline.vat.internal;

import dk.ledgerline.ledger.VatTreatment;
import dk.ledgerline.ledger.VoucherDraft;
import dk.ledgerline.shared.TenantTransactions;
import dk.ledgerline.vat.VatAccounts;
import dk.ledgerline.vat.VatCode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Danish VAT on journal lines. A U25 or I25 amount is gross: the VAT part is split out to the VAT
 * account. A reverse-charge amount is net: its VAT is added as output VAT and deducted as input VAT
 * in the same voucher, so it costs nothing but shows on the return.
 */
@Component
class VatLines implements VatTreatment {
    /** A company's VAT accounts are set when it is created and never change, so each node keeps them. */
    static final int COMPANIES_REMEMBERED_MAX = 100_000;

    private final VatStore store;
    private final TenantTransactions tenants;
    private final Cache<Long, VatAccounts> accountsByCompany = Caffeine.newBuilder().maximumSize(COMPANIES_REMEMBERED_MAX).build();

    VatLines(VatStore store, TenantTransactions tenants) {
        this.store = store;
        this.tenants = tenants;
    }

    @Override
    public boolean knows(String code) {
        return VatCode.of(code).isPresent();
    }

    @Override
    public List<Expansion> expand(long companyId, List<VoucherDraft.Line> lines) {
        VatAccounts accounts = null;
        List<Expansion> result = new ArrayList<>(lines.size());
        for (VoucherDraft.Line line : lines) {
            if (line.vatCode() == null || line.vatCode().isBlank()) {
                result.add(new Expanded(List.of(new Part(line.account(), line.amount(), null, false))));
                continue;
            }
            Optional<VatCode> code = VatCode.of(line.vatCode());
            if (code.isEmpty()) {
                result.add(new Invalid(dk.ledgerline.shared.ProblemException.FieldError.of("vatCode", "vatCode.unknownOf", line.vatCode(), List.of(VatCode.values()))));
                continue;
            }
            if (accounts == null) accounts = accounts(companyId);
            result.add(expand(line, code.get(), accounts));
        }
        return result;
    }

    private VatAccounts accounts(long companyId) {
        return accountsByCompany.get(companyId, id -> tenants.readInCompany(id, () -> store.settings(id)).orElseThrow(
                () -> new IllegalStateException("company " + id + " has no VAT settings")));
    }

    static Expansion expand(VoucherDraft.Line line, VatCode code, VatAccounts accounts) {
        String name = code.name();
        long amount = line.amount();
        return switch (code.treatment()) {
            case NONE -> new Expanded(List.of(new Part(line.account(), amount, name, false)));
            case OUTPUT_GROSS, INPUT_GROSS -> {
                long vat = vatOfGross(amount, code.ratePercent());
                int vatAccount = code.treatment() == VatCode.Treatment.OUTPUT_GROSS ? accounts.salesVat() : accounts.purchaseVat();
                yield new Expanded(List.of(new Part(line.account(), amount - vat, name, false), new Part(vatAccount, vat, name, true)));
            }
            case REVERSE_CHARGE_GOODS, REVERSE_CHARGE_SERVICES -> {
                long vat = code.vatOfNet(amount);
                int outputAccount = code.treatment() == VatCode.Treatment.REVERSE_CHARGE_GOODS ? accounts.goodsAbroadVat() : accounts.servicesAbroadVat();
                yield new Expanded(List.of(
                        new Part(line.account(), amount, name, false),
                        new Part(outputAccount, -vat, name, true),
                        new Part(accounts.purchaseVat(), vat, name, true)));
            }
        };
    }

    /** The VAT inside a gross amount: gross × rate / (100 + rate), half-up to the øre, sign kept. */
    static long vatOfGross(long grossMinor, int ratePercent) {
        return BigDecimal.valueOf(grossMinor).multiply(BigDecimal.valueOf(ratePercent))
                .divide(BigDecimal.valueOf(100 + ratePercent), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
