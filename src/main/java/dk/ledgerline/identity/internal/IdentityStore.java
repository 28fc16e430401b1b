package dk.ledgerline.identity.internal;

import dk.ledgerline.identity.Company;
import dk.ledgerline.identity.Identity.Member;
import dk.ledgerline.identity.Identity.User;
import dk.ledgerline.identity.Role;
import dk.ledgerline.shared.VatPeriodType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class IdentityStore {
    /** An accountant with more companies than this uses search, not a list. */
    static final int COMPANIES_PER_USER_MAX = 1000;
    static final int MEMBERS_PER_COMPANY_MAX = 500;

    private final JdbcClient jdbc;

    IdentityStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Credentials(long userId, String passwordHash) {}

    public Optional<Long> insertUser(String email, String name, String passwordHash, Instant now) {
        return jdbc.sql("""
                insert into users (email, name, password_hash, created_at)
                values (:email, :name, :hash, :now)
                on conflict (email) do nothing
                returning id""")
                .param("email", email).param("name", name).param("hash", passwordHash).param("now", Timestamp.from(now))
                .query(Long.class).optional();
    }

    public Optional<Credentials> credentials(String email) {
        return jdbc.sql("select id, password_hash from users where email = :email")
                .param("email", email)
                .query((rs, n) -> new Credentials(rs.getLong(1), rs.getString(2))).optional();
    }

    /** When the user's sessions last ended as a whole (null: never), and the sessions ended one by one that have not expired. */
    public Sessions.State sessions(long userId, Instant now) {
        Instant validFrom = jdbc.sql("select sessions_valid_from from users where id = :id").param("id", userId)
                .query((rs, n) -> rs.getTimestamp(1)).optional().map(Timestamp::toInstant).orElse(null);
        Set<String> ended = Set.copyOf(jdbc.sql("select token_id from ended_tokens where user_id = :id and expires_at > :now")
                .param("id", userId).param("now", Timestamp.from(now)).query(String.class).list());
        return new Sessions.State(validFrom, ended);
    }

    public void endSession(long userId, String tokenId, Instant expiresAt, Instant now) {
        jdbc.sql("delete from ended_tokens where user_id = :id and expires_at <= :now").param("id", userId).param("now", Timestamp.from(now)).update();
        jdbc.sql("insert into ended_tokens (token_id, user_id, expires_at) values (:token, :id, :expires) on conflict (token_id) do nothing")
                .param("token", tokenId).param("id", userId).param("expires", Timestamp.from(expiresAt)).update();
    }

    public void endAllSessions(long userId, Instant from) {
        jdbc.sql("update users set sessions_valid_from = :from where id = :id").param("from", Timestamp.from(from)).param("id", userId).update();
    }

    public Optional<String> passwordHash(long userId) {
        return jdbc.sql("select password_hash from users where id = :id").param("id", userId).query(String.class).optional();
    }

    public void changePassword(long userId, String passwordHash, Instant sessionsValidFrom) {
        jdbc.sql("update users set password_hash = :hash, sessions_valid_from = :from where id = :id")
                .param("hash", passwordHash).param("from", Timestamp.from(sessionsValidFrom)).param("id", userId).update();
    }

    public Optional<User> user(long userId) {
        return jdbc.sql("select id, email, name, language from users where id = :id")
                .param("id", userId)
                .query((rs, n) -> new User(rs.getLong(1), rs.getString(2), rs.getString(3), dk.ledgerline.shared.Language.of(rs.getString(4)))).optional();
    }

    public void updateLanguage(long userId, dk.ledgerline.shared.Language language) {
        jdbc.sql("update users set language = :language where id = :id").param("language", language.code()).param("id", userId).update();
    }

    public boolean isPlatformOperator(long userId) {
        return jdbc.sql("select platform_operator from users where id = :id").param("id", userId).query(Boolean.class).optional().orElse(false);
    }

    /** False when nobody has the e-mail. */
    public boolean setPlatformOperator(String email, boolean operator) {
        return jdbc.sql("update users set platform_operator = :operator where email = :email").param("operator", operator).param("email", email).update() == 1;
    }

    public long nextCompanyId() {
        return jdbc.sql("select nextval('company_ids')").query(Long.class).single();
    }

    public void insertCompany(long id, String name, String cvr, VatPeriodType vatPeriod, int fiscalYearStartMonth, long createdBy, Instant now) {
        jdbc.sql("""
                insert into companies (id, name, cvr, vat_period, fiscal_year_start_month, created_at, created_by)
                values (:id, :name, :cvr, :vatPeriod, :startMonth, :now, :createdBy)""")
                .param("id", id).param("name", name).param("cvr", cvr).param("vatPeriod", vatPeriod.name())
                .param("startMonth", fiscalYearStartMonth).param("now", Timestamp.from(now)).param("createdBy", createdBy)
                .update();
    }

    public void insertMembership(long companyId, long userId, Role role, Instant now) {
        jdbc.sql("insert into memberships (company_id, user_id, role, created_at) values (:company, :user, :role, :now)")
                .param("company", companyId).param("user", userId).param("role", role.name()).param("now", Timestamp.from(now))
                .update();
    }

    public void upsertMembership(long companyId, long userId, Role role, Instant now) {
        jdbc.sql("""
                insert into memberships (company_id, user_id, role, created_at) values (:company, :user, :role, :now)
                on conflict (company_id, user_id) do update set role = excluded.role""")
                .param("company", companyId).param("user", userId).param("role", role.name()).param("now", Timestamp.from(now))
                .update();
    }

    /** False when there was no such membership. */
    public boolean deleteMembership(long companyId, long userId) {
        return jdbc.sql("delete from memberships where company_id = :company and user_id = :user")
                .param("company", companyId).param("user", userId).update() == 1;
    }

    /** The company's owners, their rows locked until the transaction ends. */
    public List<Long> lockOwners(long companyId) {
        return jdbc.sql("select user_id from memberships where company_id = :company and role = 'OWNER' order by user_id for update")
                .param("company", companyId).query(Long.class).list();
    }

    public List<Company> companiesOf(long userId) {
        return jdbc.sql("""
                select c.id, c.name, c.cvr, c.vat_period, c.fiscal_year_start_month, m.role
                from memberships m join companies c on c.id = m.company_id
                where m.user_id = :user
                order by c.name, c.id
                limit :limit""")
                .param("user", userId).param("limit", COMPANIES_PER_USER_MAX)
                .query((rs, n) -> new Company(rs.getLong(1), rs.getString(2), rs.getString(3),
                        VatPeriodType.valueOf(rs.getString(4)), rs.getInt(5), Role.valueOf(rs.getString(6))))
                .list();
    }

    public Optional<Role> role(long companyId, long userId) {
        return jdbc.sql("select role from memberships where company_id = :company and user_id = :user")
                .param("company", companyId).param("user", userId)
                .query((rs, n) -> Role.valueOf(rs.getString(1))).optional();
    }

    public Optional<Company> company(long companyId, Role role) {
        return jdbc.sql("select id, name, cvr, vat_period, fiscal_year_start_month from companies where id = :id")
                .param("id", companyId)
                .query((rs, n) -> new Company(rs.getLong(1), rs.getString(2), rs.getString(3),
                        VatPeriodType.valueOf(rs.getString(4)), rs.getInt(5), role))
                .optional();
    }

    public List<Member> members(long companyId) {
        return jdbc.sql("""
                select u.id, u.email, u.name, m.role
                from memberships m join users u on u.id = m.user_id
                where m.company_id = :company
                order by u.name, u.id
                limit :limit""")
                .param("company", companyId).param("limit", MEMBERS_PER_COMPANY_MAX)
                .query((rs, n) -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4))))
                .list();
    }
}
