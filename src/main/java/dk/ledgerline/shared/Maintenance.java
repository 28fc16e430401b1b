package dk.ledgerline.shared;

import java.time.Clock;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The operators' read-only switch for planned maintenance, the same on every node: kept in the
 * database, announced with the commit that changes it, and read again by each node whenever it
 * (re)starts listening. While it is on, {@link ReadOnly} refuses writes with its reason.
 */
@Component
public final class Maintenance {
    static final String CHANNEL = "ledgerline_maintenance";
    public static final int REASON_LENGTH_MAX = 500;

    private final UnitOfWork units;
    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final ReadOnly readOnly;
    private final Clock clock;

    Maintenance(UnitOfWork units, JdbcClient jdbc, Notifications notifications, ReadOnly readOnly, Clock clock) {
        this.units = units;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.readOnly = readOnly;
        this.clock = clock;
        notifications.subscribe(CHANNEL, message -> reread(), this::reread);
    }

    /** On for every node, with the reason users are shown; null turns it off. A blank or overlong reason is refused (422). */
    public void readOnly(String reason) {
        if (reason != null && (reason.isBlank() || reason.length() > REASON_LENGTH_MAX)) {
            throw ProblemException.unprocessable("read-only cannot be switched on", List.of(new ProblemException.FieldError("reason",
                    "1 to " + REASON_LENGTH_MAX + " characters, shown to users while writes are refused")));
        }
        units.write(() -> {
            jdbc.sql("""
                    insert into maintenance (only_row, read_only_reason, changed_at) values (true, :reason, :now)
                    on conflict (only_row) do update set read_only_reason = excluded.read_only_reason, changed_at = excluded.changed_at""")
                    .param("reason", reason).param("now", Timestamp.from(clock.instant())).update();
            notifications.publish(CHANNEL, "changed");
            units.afterCommit(() -> readOnly.planned(reason));
            return null;
        });
    }

    /** What the database holds now; on a node without a primary, as the standby has it. */
    public Optional<String> readOnlyReason() {
        return units.read(() -> jdbc.sql("select read_only_reason from maintenance where read_only_reason is not null").query(String.class).optional());
    }

    private void reread() {
        readOnly.planned(readOnlyReason().orElse(null));
    }
}
