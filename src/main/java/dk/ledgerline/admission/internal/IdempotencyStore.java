package dk.ledgerline.admission.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Idempotency records. Each carries its caller and company, and row-level security shows a unit of
 * work only the records of the caller (and company) it is bound to.
 */
@Repository
public class IdempotencyStore {
    /** The setting under which the expiry sweep may see every caller's records (see V2's policy). */
    static final String EXPIRY_MAINTENANCE = "expire-idempotency-keys";

    private final JdbcClient jdbc;

    IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code sessionUserId}: the user a sign-up started a session for, so that its replay starts one again. */
    public record Stored(byte[] requestHash, String requestPath, byte[] requestBody, int status, String contentType, String location,
                         Long sessionUserId, byte[] body) {}

    /**
     * Records the key with the answer that commits with it, as the unit's last write: one insert,
     * no claim to update afterwards. A request with the same key that recorded first and has not
     * committed yet holds its row: the insert waits for it (up to the lock timeout), then finds it.
     * True when the key is now this unit's; false when another request has it, whose record
     * {@link #find} then reads.
     */
    public boolean record(String scope, String key, Long userId, Long companyId, byte[] requestHash, String path, byte[] keptBody,
                          int status, String contentType, String location, Long sessionUserId, byte[] body, Instant now) {
        return jdbc.sql("""
                insert into idempotency_keys (scope, key, user_id, company_id, request_hash, request_path, request_body, status,
                                              content_type, location, session_user_id, body, created_at)
                values (:scope, :key, :user, :company, :hash, :path, :requestBody, :status, :contentType, :location, :sessionUser, :body, :now)
                on conflict (scope, key) do nothing""")
                .param("scope", scope).param("key", key).param("user", userId).param("company", companyId)
                .param("hash", requestHash).param("path", path).param("requestBody", keptBody).param("status", status)
                .param("contentType", contentType).param("location", location).param("sessionUser", sessionUserId).param("body", body)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    public Optional<Stored> find(String scope, String key) {
        return jdbc.sql("""
                select request_hash, request_path, request_body, status, content_type, location, session_user_id, body
                from idempotency_keys where scope = :scope and key = :key""")
                .param("scope", scope).param("key", key)
                .query((rs, n) -> {
                    long session = rs.getLong(7);
                    Long sessionUserId = rs.wasNull() ? null : session;
                    return new Stored(rs.getBytes(1), rs.getString(2), rs.getBytes(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                            sessionUserId, rs.getBytes(8));
                })
                .optional();
    }

    /**
     * Deletes keys older than {@code before}, at most {@code limit} at a time so no sweep holds locks
     * for long. Runs inside a unit of work, which it marks as the expiry sweep for row-level security.
     */
    public int deleteOlderThan(Instant before, int limit) {
        jdbc.sql("select set_config('ledgerline.maintenance', :job, true)").param("job", EXPIRY_MAINTENANCE).query((rs, n) -> 1).single();
        return jdbc.sql("""
                delete from idempotency_keys where ctid in (
                    select ctid from idempotency_keys where created_at < :before limit :limit)""")
                .param("before", Timestamp.from(before)).param("limit", limit)
                .update();
    }
}
