package dk.ledgerline.admission.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class IdempotencyStore {
    private final JdbcClient jdbc;

    IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Stored(byte[] requestHash, String requestPath, byte[] requestBody, int status, String contentType, String location, byte[] body) {}

    /** Holds the key's lock until the transaction ends; false when another request holds it now. */
    public boolean tryLock(String scope, String key) {
        return jdbc.sql("select pg_try_advisory_xact_lock(hashtextextended(:scopedKey, 0))")
                .param("scopedKey", scope + "\n" + key)
                .query(Boolean.class).single();
    }

    /**
     * Waits up to {@code wait} for the key's lock (held until the transaction ends); false when the
     * wait ran out. The failed wait leaves the transaction unusable: the caller must roll it back.
     */
    public boolean lock(String scope, String key, java.time.Duration wait) {
        jdbc.sql("select set_config('lock_timeout', :ms, true)").param("ms", Long.toString(wait.toMillis())).query((rs, n) -> 1).single();
        try {
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:scopedKey, 0))")
                    .param("scopedKey", scope + "\n" + key)
                    .query((rs, n) -> 1).single();
            return true;
        } catch (org.springframework.dao.PessimisticLockingFailureException timedOut) {
            return false;
        }
    }

    public Optional<Stored> find(String scope, String key) {
        return jdbc.sql("select request_hash, request_path, request_body, status, content_type, location, body from idempotency_keys where scope = :scope and key = :key")
                .param("scope", scope).param("key", key)
                .query((rs, n) -> new Stored(rs.getBytes(1), rs.getString(2), rs.getBytes(3), rs.getInt(4), rs.getString(5), rs.getString(6), rs.getBytes(7)))
                .optional();
    }

    public void save(String scope, String key, Stored stored, Instant now) {
        jdbc.sql("""
                insert into idempotency_keys (scope, key, request_hash, request_path, request_body, status, content_type, location, body, created_at)
                values (:scope, :key, :hash, :path, :requestBody, :status, :contentType, :location, :body, :now)""")
                .param("scope", scope).param("key", key).param("hash", stored.requestHash())
                .param("path", stored.requestPath()).param("requestBody", stored.requestBody()).param("status", stored.status())
                .param("contentType", stored.contentType()).param("location", stored.location()).param("body", stored.body())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Deletes keys older than {@code before}, at most {@code limit} at a time so no sweep holds locks for long. */
    public int deleteOlderThan(Instant before, int limit) {
        return jdbc.sql("""
                delete from idempotency_keys where ctid in (
                    select ctid from idempotency_keys where created_at < :before limit :limit)""")
                .param("before", Timestamp.from(before)).param("limit", limit)
                .update();
    }
}
