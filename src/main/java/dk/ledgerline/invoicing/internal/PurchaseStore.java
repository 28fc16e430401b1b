package dk.ledgerline.invoicing.internal;

import dk.ledgerline.invoicing.Invoice;
import dk.ledgerline.invoicing.Supplier;
import dk.ledgerline.invoicing.SupplierInvoice;
import dk.ledgerline.invoicing.VatZone;
import dk.ledgerline.ledger.VoucherRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The purchases' SQL: suppliers, their invoices, lines and payments; every statement names its company. */
@Repository
public class PurchaseStore {
    private final JdbcClient jdbc;

    PurchaseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---------------------------------------------------------------- suppliers

    private static final String SUPPLIER_COLUMNS = "id, number, name, cvr, ean, address, postal_code, city, country, email, payment_days, vat_zone, vat_number";

    public long insertSupplier(long companyId, Supplier s, Instant now) {
        return jdbc.sql("""
                insert into suppliers (company_id, number, name, cvr, ean, address, postal_code, city, country, email, payment_days, vat_zone, vat_number, created_at)
                values (:company, :number, :name, :cvr, :ean, :address, :postalCode, :city, :country, :email, :paymentDays, :vatZone, :vatNumber, :now)
                on conflict (company_id, number) do nothing
                returning id""")
                .param("company", companyId).param("number", s.number()).param("name", s.name()).param("cvr", s.cvr()).param("ean", s.ean())
                .param("address", s.address()).param("postalCode", s.postalCode()).param("city", s.city()).param("country", s.country())
                .param("email", s.email()).param("paymentDays", s.paymentDays()).param("vatZone", s.vatZone().name()).param("vatNumber", s.vatNumber())
                .param("now", Timestamp.from(now))
                .query(Long.class).optional().orElse(-1L);
    }

    public int nextSupplierNumber(long companyId) {
        return jdbc.sql("select coalesce(max(number), 0) + 1 from suppliers where company_id = :company")
                .param("company", companyId).query(Integer.class).single();
    }

    public Optional<Supplier> supplier(long companyId, long id) {
        return jdbc.sql("select " + SUPPLIER_COLUMNS + " from suppliers where company_id = :company and id = :id")
                .param("company", companyId).param("id", id).query(PurchaseStore::supplier).optional();
    }

    /** The supplier with this CVR, or else this EAN (GLN); the oldest when several share one. */
    public Optional<Supplier> supplierByCvrOrEan(long companyId, String cvr, String ean) {
        return jdbc.sql("select " + SUPPLIER_COLUMNS + " from suppliers where company_id = :company and (cvr = :cvr or ean = :ean)"
                        + " order by (cvr = :cvr) desc nulls last, id limit 1")
                .param("company", companyId).param("cvr", cvr).param("ean", ean).query(PurchaseStore::supplier).optional();
    }

    public List<Supplier> suppliers(long companyId, String text, int limit) {
        return jdbc.sql("select " + SUPPLIER_COLUMNS + " from suppliers where company_id = :company"
                        + (text == null ? "" : " and (name ilike :pattern or cast(number as text) = :text or cvr = :text or ean = :text)")
                        + " order by number limit :limit")
                .param("company", companyId).param("pattern", InvoicingStore.pattern(text))
                .param("text", text).param("limit", limit)
                .query(PurchaseStore::supplier).list();
    }

    private static Supplier supplier(ResultSet rs, int n) throws SQLException {
        return new Supplier(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9).trim(), rs.getString(10), rs.getInt(11), VatZone.valueOf(rs.getString(12)), rs.getString(13));
    }

    // ---------------------------------------------------------------- supplier invoices

    public record Row(long id, Invoice.Kind kind, Invoice.Status status, long supplierId, String supplierNumber, LocalDate issueDate,
                      LocalDate dueDate, long net, long vat, long total, SupplierInvoice.Source source, String documentSha256, VoucherRef voucher) {}

    private static final String INVOICE_COLUMNS = """
            id, kind, status, supplier_id, supplier_number, issue_date, due_date, net, vat, total, source, document_sha256, voucher_year, voucher_number""";

    /** The new draft's id, or -1 when the supplier's invoice (or credit note) with that number is here already. */
    public long insertInvoice(long companyId, Invoice.Kind kind, long supplierId, String supplierNumber, LocalDate issued, LocalDate due,
                              long net, long vat, long total, SupplierInvoice.Source source, String documentSha256, Instant now) {
        return jdbc.sql("""
                insert into supplier_invoices (company_id, kind, status, supplier_id, supplier_number, issue_date, due_date, net, vat, total, source,
                                               document_sha256, created_at)
                values (:company, :kind, 'DRAFT', :supplier, :number, :issued, :due, :net, :vat, :total, :source, :sha, :now)
                on conflict (company_id, supplier_id, kind, supplier_number) do nothing
                returning id""")
                .param("company", companyId).param("kind", kind.name()).param("supplier", supplierId).param("number", supplierNumber)
                .param("issued", issued).param("due", due).param("net", net).param("vat", vat).param("total", total).param("source", source.name())
                .param("sha", documentSha256 == null ? null : HexFormat.of().parseHex(documentSha256)).param("now", Timestamp.from(now))
                .query(Long.class).optional().orElse(-1L);
    }

    public Optional<Row> invoiceBySupplierNumber(long companyId, long supplierId, Invoice.Kind kind, String supplierNumber) {
        return jdbc.sql("select " + INVOICE_COLUMNS + " from supplier_invoices where company_id = :company and supplier_id = :supplier"
                        + " and kind = :kind and supplier_number = :number")
                .param("company", companyId).param("supplier", supplierId).param("kind", kind.name()).param("number", supplierNumber)
                .query(PurchaseStore::row).optional();
    }

    public Optional<Row> invoice(long companyId, long id, boolean forUpdate) {
        return jdbc.sql("select " + INVOICE_COLUMNS + " from supplier_invoices where company_id = :company and id = :id" + (forUpdate ? " for update" : ""))
                .param("company", companyId).param("id", id).query(PurchaseStore::row).optional();
    }

    public List<Row> invoices(long companyId, Invoice.Status status, int limit) {
        return jdbc.sql("select " + INVOICE_COLUMNS + " from supplier_invoices where company_id = :company"
                        + (status == null ? "" : " and status = :status") + " order by issue_date desc, id desc limit :limit")
                .param("company", companyId).param("status", status == null ? null : status.name()).param("limit", limit)
                .query(PurchaseStore::row).list();
    }

    public void insertLines(long companyId, long invoiceId, List<SupplierInvoice.Line> lines) {
        for (SupplierInvoice.Line l : lines) {
            jdbc.sql("""
                    insert into supplier_invoice_lines (company_id, invoice_id, line, description, net, account, vat_code)
                    values (:company, :invoice, :line, :description, :net, :account, :vatCode)""")
                    .param("company", companyId).param("invoice", invoiceId).param("line", l.line()).param("description", l.description())
                    .param("net", l.net()).param("account", l.account()).param("vatCode", l.vatCode())
                    .update();
        }
    }

    /** A draft's lines replaced, with its sums: the lines its bookkeeper has given accounts and VAT codes. */
    public void replaceDraftLines(long companyId, long invoiceId, List<SupplierInvoice.Line> lines, long net, long vat, long total) {
        jdbc.sql("delete from supplier_invoice_lines where company_id = :company and invoice_id = :invoice")
                .param("company", companyId).param("invoice", invoiceId).update();
        insertLines(companyId, invoiceId, lines);
        jdbc.sql("update supplier_invoices set net = :net, vat = :vat, total = :total where company_id = :company and id = :id and status = 'DRAFT'")
                .param("net", net).param("vat", vat).param("total", total).param("company", companyId).param("id", invoiceId).update();
    }

    public List<SupplierInvoice.Line> lines(long companyId, long invoiceId) {
        return jdbc.sql("""
                select line, description, net, account, vat_code from supplier_invoice_lines
                where company_id = :company and invoice_id = :invoice order by line""")
                .param("company", companyId).param("invoice", invoiceId)
                .query((rs, n) -> {
                    int account = rs.getInt(4);
                    Integer accountOrNull = rs.wasNull() ? null : account;
                    return new SupplierInvoice.Line(rs.getInt(1), rs.getString(2), rs.getLong(3), accountOrNull, rs.getString(5));
                }).list();
    }

    /** The lines of the supplier's booked invoices, newest first: how its invoices were booked before. */
    public List<SupplierInvoice.Line> bookedLinesOf(long companyId, long supplierId, int limit) {
        return jdbc.sql("""
                select l.line, l.description, l.net, l.account, l.vat_code
                from supplier_invoice_lines l join supplier_invoices i on i.company_id = l.company_id and i.id = l.invoice_id
                where i.company_id = :company and i.supplier_id = :supplier and i.status = 'BOOKED'
                order by i.issue_date desc, i.id desc, l.line limit :limit""")
                .param("company", companyId).param("supplier", supplierId).param("limit", limit)
                .query((rs, n) -> new SupplierInvoice.Line(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getString(5))).list();
    }

    public void markBooked(long companyId, long id, LocalDate voucherYear, int voucherNumber, Instant now) {
        jdbc.sql("""
                update supplier_invoices set status = 'BOOKED', voucher_year = :year, voucher_number = :voucher, booked_at = :now
                where company_id = :company and id = :id and status = 'DRAFT'""")
                .param("year", voucherYear).param("voucher", voucherNumber).param("now", Timestamp.from(now))
                .param("company", companyId).param("id", id).update();
    }

    public boolean deleteDraft(long companyId, long id) {
        return jdbc.sql("delete from supplier_invoices where company_id = :company and id = :id and status = 'DRAFT'")
                .param("company", companyId).param("id", id).update() == 1;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        byte[] sha = rs.getBytes(12);
        LocalDate voucherYear = rs.getObject(13, LocalDate.class);
        return new Row(rs.getLong(1), Invoice.Kind.valueOf(rs.getString(2)), Invoice.Status.valueOf(rs.getString(3)), rs.getLong(4), rs.getString(5),
                rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                SupplierInvoice.Source.valueOf(rs.getString(11)), sha == null ? null : HexFormat.of().formatHex(sha),
                voucherYear == null ? null : new VoucherRef(voucherYear.getYear(), rs.getInt(14)));
    }

    // ---------------------------------------------------------------- payments

    public void insertPayment(long companyId, long invoiceId, LocalDate paidOn, long amount, LocalDate voucherYear, int voucherNumber, Instant now) {
        jdbc.sql("""
                insert into supplier_payments (company_id, invoice_id, paid_on, amount, voucher_year, voucher_number, created_at)
                values (:company, :invoice, :paidOn, :amount, :year, :voucher, :now)""")
                .param("company", companyId).param("invoice", invoiceId).param("paidOn", paidOn).param("amount", amount)
                .param("year", voucherYear).param("voucher", voucherNumber).param("now", Timestamp.from(now)).update();
    }

    public Map<Long, Long> paid(long companyId, List<Long> invoiceIds) {
        Map<Long, Long> paid = new TreeMap<>();
        if (invoiceIds.isEmpty()) return paid;
        jdbc.sql("select invoice_id, sum(amount)::bigint from supplier_payments where company_id = :company and invoice_id = any(:ids::bigint[]) group by invoice_id")
                .param("company", companyId).param("ids", invoiceIds.toArray(Long[]::new))
                .query(rs -> { paid.put(rs.getLong(1), rs.getLong(2)); });
        return paid;
    }

    /** Booked supplier invoices and credit notes not yet paid in full, by due date. */
    public List<Row> unsettled(long companyId, int limit) {
        return jdbc.sql("select " + INVOICE_COLUMNS + " from supplier_invoices i where company_id = :company and status = 'BOOKED' and total <> "
                        + "coalesce((select sum(p.amount) from supplier_payments p where p.company_id = i.company_id and p.invoice_id = i.id), 0)"
                        + " order by due_date, id limit :limit")
                .param("company", companyId).param("limit", limit)
                .query(PurchaseStore::row).list();
    }
}
