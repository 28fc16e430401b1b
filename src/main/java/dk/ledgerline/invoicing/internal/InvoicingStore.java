package dk.ledgerline.invoicing.internal;

import dk.ledgerline.invoicing.Customer;
import dk.ledgerline.invoicing.Invoice;
import dk.ledgerline.invoicing.InvoicingProfile;
import dk.ledgerline.invoicing.Product;
import dk.ledgerline.invoicing.ProductKind;
import dk.ledgerline.invoicing.VatZone;
import dk.ledgerline.ledger.VoucherRef;
import dk.ledgerline.shared.LikePatterns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The invoicing module's SQL, every statement filtered on company_id (row-level security checks the same). */
@Repository
public class InvoicingStore {
    /** A company with more customers, products or open invoices than this on one page is paged by search. */
    public static final int LIST_MAX = 500;

    private final JdbcClient jdbc;

    InvoicingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---------------------------------------------------------------- customers

    private static final String CUSTOMER_COLUMNS = "id, number, name, cvr, ean, address, postal_code, city, country, email, payment_days, vat_zone, vat_number";

    public long insertCustomer(long companyId, Customer c, Instant now) {
        return jdbc.sql("""
                insert into customers (company_id, number, name, cvr, ean, address, postal_code, city, country, email, payment_days, vat_zone, vat_number, created_at)
                values (:company, :number, :name, :cvr, :ean, :address, :postalCode, :city, :country, :email, :paymentDays, :vatZone, :vatNumber, :now)
                on conflict (company_id, number) do nothing
                returning id""")
                .param("company", companyId).param("number", c.number()).param("name", c.name()).param("cvr", c.cvr()).param("ean", c.ean())
                .param("address", c.address()).param("postalCode", c.postalCode()).param("city", c.city()).param("country", c.country())
                .param("email", c.email()).param("paymentDays", c.paymentDays()).param("vatZone", c.vatZone().name()).param("vatNumber", c.vatNumber())
                .param("now", Timestamp.from(now))
                .query(Long.class).optional().orElse(-1L);
    }

    public int nextCustomerNumber(long companyId) {
        return jdbc.sql("select coalesce(max(number), 0) + 1 from customers where company_id = :company")
                .param("company", companyId).query(Integer.class).single();
    }

    public Optional<Customer> customer(long companyId, long id) {
        return jdbc.sql("select " + CUSTOMER_COLUMNS + " from customers where company_id = :company and id = :id")
                .param("company", companyId).param("id", id).query(InvoicingStore::customer).optional();
    }

    /** Customers whose name, number, CVR or EAN holds {@code text} (all when null), by number. */
    public List<Customer> customers(long companyId, String text, int limit) {
        return jdbc.sql("select " + CUSTOMER_COLUMNS + " from customers where company_id = :company"
                        + (text == null ? "" : " and (name ilike :pattern or cast(number as text) = :text or cvr = :text or ean = :text)")
                        + " order by number limit :limit")
                .param("company", companyId).param("pattern", pattern(text)).param("text", text).param("limit", limit)
                .query(InvoicingStore::customer).list();
    }

    private static Customer customer(ResultSet rs, int n) throws SQLException {
        return new Customer(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9).trim(), rs.getString(10), rs.getInt(11), VatZone.valueOf(rs.getString(12)), rs.getString(13));
    }

    // ---------------------------------------------------------------- the company's invoicing profile

    public Optional<InvoicingProfile> profile(long companyId) {
        return jdbc.sql("""
                select address, postal_code, city, country, email, phone, bank_reg, bank_account, iban, bic, fik_creditor
                from invoicing_profiles where company_id = :company""")
                .param("company", companyId)
                .query((rs, n) -> new InvoicingProfile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4).trim(), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)))
                .optional();
    }

    public void saveProfile(long companyId, InvoicingProfile p, Instant now) {
        jdbc.sql("""
                insert into invoicing_profiles (company_id, address, postal_code, city, country, email, phone, bank_reg, bank_account, iban, bic, fik_creditor, updated_at)
                values (:company, :address, :postalCode, :city, :country, :email, :phone, :bankReg, :bankAccount, :iban, :bic, :fik, :now)
                on conflict (company_id) do update set address = excluded.address, postal_code = excluded.postal_code, city = excluded.city,
                    country = excluded.country, email = excluded.email, phone = excluded.phone, bank_reg = excluded.bank_reg,
                    bank_account = excluded.bank_account, iban = excluded.iban, bic = excluded.bic, fik_creditor = excluded.fik_creditor,
                    updated_at = excluded.updated_at""")
                .param("company", companyId).param("address", p.address()).param("postalCode", p.postalCode()).param("city", p.city())
                .param("country", p.country()).param("email", p.email()).param("phone", p.phone()).param("bankReg", p.bankReg())
                .param("bankAccount", p.bankAccount()).param("iban", p.iban()).param("bic", p.bic()).param("fik", p.fikCreditor())
                .param("now", Timestamp.from(now))
                .update();
    }

    // ---------------------------------------------------------------- products

    private static final String PRODUCT_COLUMNS = "id, number, name, unit, unit_price, kind, revenue_account";

    public long insertProduct(long companyId, Product p, Instant now) {
        return jdbc.sql("""
                insert into products (company_id, number, name, unit, unit_price, kind, revenue_account, created_at)
                values (:company, :number, :name, :unit, :unitPrice, :kind, :revenueAccount, :now)
                on conflict (company_id, number) do nothing
                returning id""")
                .param("company", companyId).param("number", p.number()).param("name", p.name()).param("unit", p.unit())
                .param("unitPrice", p.unitPrice()).param("kind", p.kind().name()).param("revenueAccount", p.revenueAccount())
                .param("now", Timestamp.from(now))
                .query(Long.class).optional().orElse(-1L);
    }

    public Optional<Product> product(long companyId, long id) {
        return jdbc.sql("select " + PRODUCT_COLUMNS + " from products where company_id = :company and id = :id")
                .param("company", companyId).param("id", id).query(InvoicingStore::product).optional();
    }

    public List<Product> products(long companyId, String text, int limit) {
        return jdbc.sql("select " + PRODUCT_COLUMNS + " from products where company_id = :company"
                        + (text == null ? "" : " and (name ilike :pattern or number = :text)") + " order by number limit :limit")
                .param("company", companyId).param("pattern", pattern(text)).param("text", text).param("limit", limit)
                .query(InvoicingStore::product).list();
    }

    private static Product product(ResultSet rs, int n) throws SQLException {
        int account = rs.getInt(7);
        Integer revenueAccount = rs.wasNull() ? null : account;
        return new Product(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), ProductKind.valueOf(rs.getString(6)), revenueAccount);
    }

    // ---------------------------------------------------------------- invoices

    /** An invoice's own row, before its customer, lines and payments are read. */
    public record InvoiceRow(long id, Invoice.Kind kind, Invoice.Status status, Integer number, long customerId, LocalDate issueDate,
                             LocalDate dueDate, Long creditsId, String note, long net, long vat, long total, VoucherRef voucher, Instant bookedAt) {}

    private static final String INVOICE_COLUMNS = """
            id, kind, status, number, customer_id, issue_date, due_date, credits_id, note, net, vat, total, voucher_year, voucher_number, booked_at""";

    public long insertInvoice(long companyId, Invoice.Kind kind, long customerId, LocalDate issueDate, LocalDate dueDate, Long creditsId, String note,
                              long net, long vat, long total, Instant now) {
        return jdbc.sql("""
                insert into invoices (company_id, kind, status, customer_id, issue_date, due_date, credits_id, note, net, vat, total, created_at)
                values (:company, :kind, 'DRAFT', :customer, :issueDate, :dueDate, :credits, :note, :net, :vat, :total, :now)
                returning id""")
                .param("company", companyId).param("kind", kind.name()).param("customer", customerId).param("issueDate", issueDate)
                .param("dueDate", dueDate).param("credits", creditsId).param("note", note).param("net", net).param("vat", vat).param("total", total)
                .param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    public void insertLines(long companyId, long invoiceId, List<Invoice.Line> lines) {
        for (Invoice.Line l : lines) {
            jdbc.sql("""
                    insert into invoice_lines (company_id, invoice_id, line, product_id, description, quantity, unit_price, net, vat_code, account)
                    values (:company, :invoice, :line, :product, :description, :quantity, :unitPrice, :net, :vatCode, :account)""")
                    .param("company", companyId).param("invoice", invoiceId).param("line", l.line()).param("product", l.productId())
                    .param("description", l.description()).param("quantity", l.quantity()).param("unitPrice", l.unitPrice()).param("net", l.net())
                    .param("vatCode", l.vatCode()).param("account", l.account())
                    .update();
        }
    }

    public Optional<InvoiceRow> invoice(long companyId, long id, boolean forUpdate) {
        return jdbc.sql("select " + INVOICE_COLUMNS + " from invoices where company_id = :company and id = :id" + (forUpdate ? " for update" : ""))
                .param("company", companyId).param("id", id).query(InvoicingStore::invoice).optional();
    }

    /** Invoices newest first, of one customer or all, of one status or both. */
    public List<InvoiceRow> invoices(long companyId, Long customerId, Invoice.Status status, int limit) {
        return jdbc.sql("select " + INVOICE_COLUMNS + " from invoices where company_id = :company"
                        + (customerId == null ? "" : " and customer_id = :customer") + (status == null ? "" : " and status = :status")
                        + " order by issue_date desc, id desc limit :limit")
                .param("company", companyId).param("customer", customerId).param("status", status == null ? null : status.name()).param("limit", limit)
                .query(InvoicingStore::invoice).list();
    }

    public List<Invoice.Line> lines(long companyId, long invoiceId) {
        return jdbc.sql("""
                select line, product_id, description, quantity, unit_price, net, vat_code, account from invoice_lines
                where company_id = :company and invoice_id = :invoice order by line""")
                .param("company", companyId).param("invoice", invoiceId)
                .query((rs, n) -> {
                    long product = rs.getLong(2);
                    Long productId = rs.wasNull() ? null : product;
                    return new Invoice.Line(rs.getInt(1), productId, rs.getString(3), rs.getBigDecimal(4).stripTrailingZeros(),
                            rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getInt(8));
                }).list();
    }

    /** The next number of the company's series, its row locked until commit: the booking's numbers have no gaps. */
    public int takeInvoiceNumber(long companyId) {
        jdbc.sql("insert into invoice_series (company_id) values (:company) on conflict (company_id) do nothing").param("company", companyId).update();
        return jdbc.sql("update invoice_series set next_number = next_number + 1 where company_id = :company returning next_number - 1")
                .param("company", companyId).query(Integer.class).single();
    }

    public void markBooked(long companyId, long id, int number, VoucherRef voucher, LocalDate voucherYear, Instant now) {
        int updated = jdbc.sql("""
                update invoices set status = 'BOOKED', number = :number, voucher_year = :year, voucher_number = :voucher, booked_at = :now
                where company_id = :company and id = :id and status = 'DRAFT'""")
                .param("company", companyId).param("id", id).param("number", number).param("year", voucherYear)
                .param("voucher", voucher.number()).param("now", Timestamp.from(now)).update();
        if (updated != 1) throw new IllegalStateException("invoice " + id + " of company " + companyId + " was to be booked but is no draft");
    }

    public boolean deleteDraft(long companyId, long id) {
        return jdbc.sql("delete from invoices where company_id = :company and id = :id and status = 'DRAFT'")
                .param("company", companyId).param("id", id).update() == 1;
    }

    /** Whether a booked credit note already credits {@code invoiceId}. */
    public boolean credited(long companyId, long invoiceId) {
        return jdbc.sql("select exists (select 1 from invoices where company_id = :company and credits_id = :invoice)")
                .param("company", companyId).param("invoice", invoiceId).query(Boolean.class).single();
    }

    private static InvoiceRow invoice(ResultSet rs, int n) throws SQLException {
        int number = rs.getInt(4);
        Integer invoiceNumber = rs.wasNull() ? null : number;
        long credits = rs.getLong(8);
        Long creditsId = rs.wasNull() ? null : credits;
        LocalDate voucherYear = rs.getObject(13, LocalDate.class);
        Timestamp booked = rs.getTimestamp(15);
        return new InvoiceRow(rs.getLong(1), Invoice.Kind.valueOf(rs.getString(2)), Invoice.Status.valueOf(rs.getString(3)), invoiceNumber,
                rs.getLong(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), creditsId, rs.getString(9),
                rs.getLong(10), rs.getLong(11), rs.getLong(12), voucherYear == null ? null : new VoucherRef(voucherYear.getYear(), rs.getInt(14)),
                booked == null ? null : booked.toInstant());
    }

    // ---------------------------------------------------------------- payments

    public void insertPayment(long companyId, long invoiceId, LocalDate paidOn, long amount, LocalDate voucherYear, int voucherNumber, Instant now) {
        jdbc.sql("""
                insert into invoice_payments (company_id, invoice_id, paid_on, amount, voucher_year, voucher_number, created_at)
                values (:company, :invoice, :paidOn, :amount, :year, :voucher, :now)""")
                .param("company", companyId).param("invoice", invoiceId).param("paidOn", paidOn).param("amount", amount)
                .param("year", voucherYear).param("voucher", voucherNumber).param("now", Timestamp.from(now)).update();
    }

    /** What payments have settled of each invoice given: invoice id → amount. */
    /**
     * What has settled an invoice: its payments, and a credit note of it (which settles itself by
     * the same amount). Crediting an unpaid invoice thus leaves neither open; crediting a paid one
     * leaves the invoice open by minus what was paid, what the customer is owed back.
     */
    private static final String SETTLED = """
            (coalesce((select sum(p.amount) from invoice_payments p where p.company_id = i.company_id and p.invoice_id = i.id), 0)
             + case when i.kind = 'CREDIT_NOTE' and i.status = 'BOOKED' then i.total else 0 end
             - coalesce((select sum(c.total) from invoices c where c.company_id = i.company_id and c.credits_id = i.id and c.status = 'BOOKED'), 0))""";

    private static final String FEES = "coalesce((select sum(r.fee) from invoice_reminders r where r.company_id = i.company_id and r.invoice_id = i.id), 0)";

    public Map<Long, Long> fees(long companyId, List<Long> invoiceIds) {
        Map<Long, Long> fees = new TreeMap<>();
        if (invoiceIds.isEmpty()) return fees;
        jdbc.sql("select invoice_id, sum(fee)::bigint from invoice_reminders where company_id = :company and invoice_id = any(:ids::bigint[]) group by invoice_id")
                .param("company", companyId).param("ids", invoiceIds.toArray(Long[]::new))
                .query(rs -> { fees.put(rs.getLong(1), rs.getLong(2)); });
        return fees;
    }

    public List<dk.ledgerline.invoicing.Reminders.Reminder> reminders(long companyId, long invoiceId) {
        return jdbc.sql("""
                select number, sent_on, fee, voucher_year, voucher_number from invoice_reminders
                where company_id = :company and invoice_id = :invoice order by number""")
                .param("company", companyId).param("invoice", invoiceId)
                .query((rs, n) -> {
                    LocalDate sent = rs.getObject(2, LocalDate.class);
                    LocalDate year = rs.getObject(4, LocalDate.class);
                    return new dk.ledgerline.invoicing.Reminders.Reminder(rs.getInt(1), sent, rs.getLong(3),
                            sent.plusDays(dk.ledgerline.invoicing.Reminders.DAYS_APART_MIN), year == null ? null : new VoucherRef(year.getYear(), rs.getInt(5)));
                }).list();
    }

    public void insertReminder(long companyId, long invoiceId, int number, LocalDate sentOn, long fee, LocalDate voucherYear, Integer voucherNumber,
                               Instant now) {
        jdbc.sql("""
                insert into invoice_reminders (company_id, invoice_id, number, sent_on, fee, voucher_year, voucher_number, created_at)
                values (:company, :invoice, :number, :sentOn, :fee, :year, :voucher, :now)""")
                .param("company", companyId).param("invoice", invoiceId).param("number", number).param("sentOn", sentOn).param("fee", fee)
                .param("year", voucherYear).param("voucher", voucherNumber).param("now", Timestamp.from(now)).update();
    }

    public Map<Long, Long> paid(long companyId, List<Long> invoiceIds) {
        Map<Long, Long> paid = new TreeMap<>();
        if (invoiceIds.isEmpty()) return paid;
        jdbc.sql("select i.id, " + SETTLED + "::bigint from invoices i where i.company_id = :company and i.id = any(:ids::bigint[])")
                .param("company", companyId).param("ids", invoiceIds.toArray(Long[]::new))
                .query(rs -> { paid.put(rs.getLong(1), rs.getLong(2)); });
        return paid;
    }

    /** Booked invoices and credit notes that payments and credit notes have not settled, by due date. */
    public List<InvoiceRow> unsettled(long companyId, int limit) {
        return jdbc.sql("select " + INVOICE_COLUMNS + " from invoices i where company_id = :company and status = 'BOOKED' and total + " + FEES + " <> " + SETTLED
                        + " order by due_date, number limit :limit")
                .param("company", companyId).param("limit", limit)
                .query(InvoicingStore::invoice).list();
    }

    static String pattern(String text) {
        return text == null ? null : LikePatterns.containing(text);
    }

    static List<Long> ids(List<InvoiceRow> rows) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.id()));
        return ids;
    }
}
