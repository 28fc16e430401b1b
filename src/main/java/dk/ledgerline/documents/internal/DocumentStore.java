package dk.ledgerline.documents.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The documents module's SQL; every statement names its company, as row-level security checks. */
@Repository
public class DocumentStore {
    private final JdbcClient jdbc;

    DocumentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(byte[] sha256, String mediaType, int size, String fileName, Instant uploadedAt) {}

    /** Keeps the document unless the company has one with the same content already; true when it was new. */
    public boolean insert(long companyId, byte[] sha256, String mediaType, byte[] content, String fileName, long userId, Instant now) {
        return jdbc.sql("""
                insert into documents (company_id, sha256, media_type, size, content, file_name, uploaded_at, uploaded_by)
                values (:company, :sha, :type, :size, :content, :name, :now, :user)
                on conflict (company_id, sha256) do nothing""")
                .param("company", companyId).param("sha", sha256).param("type", mediaType).param("size", content.length)
                .param("content", content).param("name", fileName).param("now", Timestamp.from(now)).param("user", userId)
                .update() == 1;
    }

    public Optional<Row> document(long companyId, byte[] sha256) {
        return jdbc.sql("select sha256, media_type, size, file_name, uploaded_at from documents where company_id = :company and sha256 = :sha")
                .param("company", companyId).param("sha", sha256)
                .query((rs, n) -> new Row(rs.getBytes(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getTimestamp(5).toInstant()))
                .optional();
    }

    public Optional<byte[]> content(long companyId, byte[] sha256) {
        return jdbc.sql("select content from documents where company_id = :company and sha256 = :sha")
                .param("company", companyId).param("sha", sha256).query(byte[].class).optional();
    }

    /** Attaches a kept document to a voucher; true when it was not attached already. */
    public boolean attach(long companyId, LocalDate fiscalYear, int voucher, byte[] sha256, long userId, Instant now) {
        return jdbc.sql("""
                insert into voucher_documents (company_id, fiscal_year, voucher_number, sha256, attached_at, attached_by)
                values (:company, :year, :voucher, :sha, :now, :user)
                on conflict do nothing""")
                .param("company", companyId).param("year", fiscalYear).param("voucher", voucher).param("sha", sha256)
                .param("now", Timestamp.from(now)).param("user", userId)
                .update() == 1;
    }

    public List<Row> ofVoucher(long companyId, LocalDate fiscalYear, int voucher) {
        return jdbc.sql("""
                select d.sha256, d.media_type, d.size, d.file_name, d.uploaded_at
                from voucher_documents v join documents d on d.company_id = v.company_id and d.sha256 = v.sha256
                where v.company_id = :company and v.fiscal_year = :year and v.voucher_number = :voucher
                order by v.attached_at, d.file_name""")
                .param("company", companyId).param("year", fiscalYear).param("voucher", voucher)
                .query((rs, n) -> new Row(rs.getBytes(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getTimestamp(5).toInstant()))
                .list();
    }
}
