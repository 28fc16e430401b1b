package dk.ledgerline.ledger.internal;

import dk.ledgerline.ledger.Journal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class JournalStore {
    static final int JOURNALS_MAX = 200;

    private final JdbcClient jdbc;

    JournalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insertJournal(long companyId, String name, long userId, Instant now) {
        return jdbc.sql("insert into journals (company_id, name, created_at, created_by) values (:company, :name, :now, :user) returning id")
                .param("company", companyId).param("name", name).param("now", Timestamp.from(now)).param("user", userId)
                .query(Long.class).single();
    }

    public List<Journal> journals(long companyId) {
        return jdbc.sql("select id, name, created_at from journals where company_id = :company order by id limit :limit")
                .param("company", companyId).param("limit", JOURNALS_MAX)
                .query((rs, n) -> new Journal(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), List.of()))
                .list();
    }

    /** Each journal with how many lines wait in it, the fullest first. */
    public List<dk.ledgerline.ledger.Journals.Draft> drafts(long companyId) {
        return jdbc.sql("""
                select j.id, j.name, count(l.id) from journals j
                left join journal_lines l on l.company_id = j.company_id and l.journal_id = j.id
                where j.company_id = :company group by j.id, j.name order by count(l.id) desc, j.id limit :limit""")
                .param("company", companyId).param("limit", JOURNALS_MAX)
                .query((rs, n) -> new dk.ledgerline.ledger.Journals.Draft(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                .list();
    }

    public Optional<Journal> journal(long companyId, long journalId) {
        return jdbc.sql("select id, name, created_at from journals where company_id = :company and id = :id")
                .param("company", companyId).param("id", journalId)
                .query((rs, n) -> new Journal(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), List.of()))
                .optional()
                .map(j -> new Journal(j.id(), j.name(), j.createdAt(), lines(companyId, journalId)));
    }

    /** Locks the journal's row, so two posts of one journal cannot both post its lines. */
    public boolean lockJournal(long companyId, long journalId) {
        return jdbc.sql("select id from journals where company_id = :company and id = :id for update")
                .param("company", companyId).param("id", journalId).query(Long.class).optional().isPresent();
    }

    public List<Journal.Line> lines(long companyId, long journalId) {
        return jdbc.sql("""
                select id, document, date, text, account, amount, vat_code, contra_account from journal_lines
                where company_id = :company and journal_id = :journal order by document, id limit :limit""")
                .param("company", companyId).param("journal", journalId).param("limit", Journal.LINES_MAX)
                .query(JournalStore::line).list();
    }

    public int lineCount(long companyId, long journalId) {
        return jdbc.sql("select count(*) from journal_lines where company_id = :company and journal_id = :journal")
                .param("company", companyId).param("journal", journalId).query(Integer.class).single();
    }

    public int nextDocument(long companyId, long journalId) {
        return jdbc.sql("select coalesce(max(document), 0) + 1 from journal_lines where company_id = :company and journal_id = :journal")
                .param("company", companyId).param("journal", journalId).query(Integer.class).single();
    }

    public Journal.Line insertLine(long companyId, long journalId, Journal.Line line) {
        return jdbc.sql("""
                insert into journal_lines (company_id, journal_id, document, date, text, account, amount, vat_code, contra_account)
                values (:company, :journal, :document, :date, :text, :account, :amount, :vatCode, :contra)
                returning id, document, date, text, account, amount, vat_code, contra_account""")
                .param("company", companyId).param("journal", journalId).param("document", line.document()).param("date", line.date())
                .param("text", line.text()).param("account", line.account()).param("amount", line.amount())
                .param("vatCode", line.vatCode()).param("contra", line.contraAccount())
                .query(JournalStore::line).single();
    }

    public Optional<Journal.Line> updateLine(long companyId, long journalId, Journal.Line line) {
        return jdbc.sql("""
                update journal_lines set document = :document, date = :date, text = :text, account = :account, amount = :amount,
                       vat_code = :vatCode, contra_account = :contra
                where company_id = :company and journal_id = :journal and id = :id
                returning id, document, date, text, account, amount, vat_code, contra_account""")
                .param("company", companyId).param("journal", journalId).param("id", line.id()).param("document", line.document())
                .param("date", line.date()).param("text", line.text()).param("account", line.account()).param("amount", line.amount())
                .param("vatCode", line.vatCode()).param("contra", line.contraAccount())
                .query(JournalStore::line).optional();
    }

    public boolean deleteLine(long companyId, long journalId, long lineId) {
        return jdbc.sql("delete from journal_lines where company_id = :company and journal_id = :journal and id = :id")
                .param("company", companyId).param("journal", journalId).param("id", lineId).update() == 1;
    }

    public void deleteLines(long companyId, long journalId) {
        jdbc.sql("delete from journal_lines where company_id = :company and journal_id = :journal")
                .param("company", companyId).param("journal", journalId).update();
    }

    public boolean deleteJournal(long companyId, long journalId) {
        return jdbc.sql("delete from journals where company_id = :company and id = :id")
                .param("company", companyId).param("id", journalId).update() == 1;
    }

    private static Journal.Line line(ResultSet rs, int n) throws SQLException {
        int contra = rs.getInt(8);
        Integer contraAccount = rs.wasNull() ? null : contra;
        return new Journal.Line(rs.getLong(1), rs.getInt(2), rs.getObject(3, LocalDate.class), rs.getString(4), rs.getInt(5),
                rs.getLong(6), rs.getString(7), contraAccount);
    }
}
