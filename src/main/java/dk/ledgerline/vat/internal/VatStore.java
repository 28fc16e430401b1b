package dk.ledgerline.vat.internal;

import dk.ledgerline.ledger.VoucherRef;
import dk.ledgerline.vat.VatAccounts;
import dk.ledgerline.vat.VatPeriod;
import dk.ledgerline.vat.VatReturn;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class VatStore {
    private final JdbcClient jdbc;

    VatStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertSettings(long companyId, VatAccounts accounts) {
        jdbc.sql("""
                insert into vat_settings (company_id, sales_vat_account, purchase_vat_account, goods_abroad_vat_account,
                                          services_abroad_vat_account, settlement_account, rounding_account)
                values (:company, :sales, :purchase, :goods, :services, :settlement, :rounding)""")
                .param("company", companyId).param("sales", accounts.salesVat()).param("purchase", accounts.purchaseVat())
                .param("goods", accounts.goodsAbroadVat()).param("services", accounts.servicesAbroadVat())
                .param("settlement", accounts.settlement()).param("rounding", accounts.rounding())
                .update();
    }

    public Optional<VatAccounts> settings(long companyId) {
        return jdbc.sql("""
                select sales_vat_account, purchase_vat_account, goods_abroad_vat_account, services_abroad_vat_account,
                       settlement_account, rounding_account
                from vat_settings where company_id = :company""")
                .param("company", companyId)
                .query((rs, n) -> new VatAccounts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6)))
                .optional();
    }

    public void insertReturn(long companyId, VatReturn r, long userId) {
        jdbc.sql("""
                insert into vat_returns (company_id, period, from_date, to_date, sales_vat, purchase_vat, vat_on_goods_purchases_abroad,
                    vat_on_service_purchases_abroad, rubrik_a_goods, rubrik_a_services, rubrik_b_goods_reported, rubrik_b_goods_not_reported,
                    rubrik_b_services, rubrik_c, vat_payable, voucher_fiscal_year, voucher_number, settled_at, settled_by)
                values (:company, :period, :from, :to, :sales, :purchase, :goods, :services, :aGoods, :aServices, :bReported, :bNotReported,
                    :bServices, :c, :payable, :voucherYear, :voucherNumber, :settledAt, :user)""")
                .param("company", companyId).param("period", r.period().label()).param("from", r.period().from()).param("to", r.period().to())
                .param("sales", r.salesVat()).param("purchase", r.purchaseVat()).param("goods", r.vatOnGoodsPurchasesAbroad())
                .param("services", r.vatOnServicePurchasesAbroad()).param("aGoods", r.rubrikAGoods()).param("aServices", r.rubrikAServices())
                .param("bReported", r.rubrikBGoodsReported()).param("bNotReported", r.rubrikBGoodsNotReported())
                .param("bServices", r.rubrikBServices()).param("c", r.rubrikC()).param("payable", r.vatPayable())
                .param("voucherYear", r.settlementVoucher() == null ? null : r.settlementVoucher().fiscalYear())
                .param("voucherNumber", r.settlementVoucher() == null ? null : r.settlementVoucher().number())
                .param("settledAt", Timestamp.from(r.settledAt())).param("user", userId)
                .update();
    }

    public Optional<VatReturn> settledReturn(long companyId, VatPeriod period) {
        return jdbc.sql("""
                select sales_vat, purchase_vat, vat_on_goods_purchases_abroad, vat_on_service_purchases_abroad, rubrik_a_goods,
                       rubrik_a_services, rubrik_b_goods_reported, rubrik_b_goods_not_reported, rubrik_b_services, rubrik_c,
                       vat_payable, settled_at, voucher_fiscal_year, voucher_number
                from vat_returns where company_id = :company and period = :period""")
                .param("company", companyId).param("period", period.label())
                .query((rs, n) -> {
                    int voucherYear = rs.getInt(13);
                    boolean hasVoucher = !rs.wasNull();
                    return new VatReturn(period, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                            rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), true,
                            rs.getTimestamp(12).toInstant(), hasVoucher ? new VoucherRef(voucherYear, rs.getInt(14)) : null);
                })
                .optional();
    }

    public List<String> settledPeriods(long companyId, LocalDate from, LocalDate to) {
        return jdbc.sql("select period from vat_returns where company_id = :company and from_date <= :to and to_date >= :from order by from_date limit 100")
                .param("company", companyId).param("from", from).param("to", to)
                .query(String.class).list();
    }

}
