package dk.ledgerline.shared.internal;

import dk.ledgerline.shared.Notifications;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link Notifications} over LISTEN/NOTIFY. One thread per node listens on a connection of its
 * own (not one of the pools', which serve requests), and makes it again when it breaks, also onto
 * a new primary after a failover; each (re)connection counts as a gap for every subscriber.
 */
final class PostgresNotifications implements Notifications, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
    /** How long one wait for messages lasts; between waits the thread sees whether it must stop. */
    static final Duration POLL = Duration.ofMillis(500);
    /** A connection that brought nothing for this long is checked, so one that died silently is replaced. */
    static final Duration CHECK_AFTER = Duration.ofSeconds(5);
    static final Duration RETRY_MIN = Duration.ofMillis(200);
    static final Duration RETRY_MAX = Duration.ofSeconds(5);

    /** Opens a new connection to the primary, apart from every pool. */
    @FunctionalInterface
    interface Connect {
        Connection open() throws SQLException;
    }

    private record Subscriber(Consumer<String> onMessage, Runnable afterGap) {}

    private final JdbcClient jdbc;
    private final Connect connect;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread thread;

    PostgresNotifications(JdbcClient jdbc, Connect connect) {
        this.jdbc = jdbc;
        this.connect = connect;
    }

    @Override
    public void publish(String channel, String payload) {
        requireChannel(channel);
        if (payload.length() > PAYLOAD_LENGTH_MAX) throw new IllegalArgumentException("a notification of " + payload.length() + " characters");
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a notification is sent with a commit: publish it inside the unit of work it belongs to");
        }
        jdbc.sql("select pg_notify(:channel, :payload)").param("channel", channel).param("payload", payload).query().singleRow();
    }

    @Override
    public synchronized void subscribe(String channel, Consumer<String> onMessage, Runnable afterGap) {
        requireChannel(channel);
        if (running) throw new IllegalStateException("subscribe to " + channel + " while the application starts, before listening begins");
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(new Subscriber(onMessage, afterGap));
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("ledgerline-notifications").start(this::listen);
    }

    @Override
    public void stop() {
        Thread listener;
        synchronized (this) {
            running = false;
            listener = thread;
        }
        if (listener == null) return;
        listener.interrupt();
        try {
            listener.join(POLL.multipliedBy(4).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        Duration retry = RETRY_MIN;
        boolean outage = false;
        while (running) {
            try (Connection connection = connect.open()) {
                PGConnection postgres = connection.unwrap(PGConnection.class);
                try (Statement sql = connection.createStatement()) {
                    for (String channel : subscribers.keySet()) sql.execute("listen " + channel);
                }
                if (outage) log.info("Listening for notifications again");
                outage = false;
                retry = RETRY_MIN;
                subscribers.values().forEach(list -> list.forEach(s -> run(s.afterGap())));
                long quietSince = System.nanoTime();
                while (running) {
                    PGNotification[] heard = postgres.getNotifications((int) POLL.toMillis());
                    if (heard != null && heard.length > 0) {
                        quietSince = System.nanoTime();
                        for (PGNotification notification : heard) deliver(notification);
                    } else if (System.nanoTime() - quietSince > CHECK_AFTER.toNanos()) {
                        if (!connection.isValid((int) Math.max(1, DatabaseConfiguration.VALIDATION_TIMEOUT.toSeconds()))) break;
                        quietSince = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) break;
                if (!outage) log.warn("Not listening for notifications ({}); trying again", e.getMessage());
                outage = true;
            }
            if (!running) break;
            try {
                Thread.sleep(retry);
            } catch (InterruptedException e) {
                break;
            }
            retry = retry.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : retry.multipliedBy(2);
        }
    }

    private void deliver(PGNotification notification) {
        List<Subscriber> list = subscribers.getOrDefault(notification.getName(), List.of());
        for (Subscriber subscriber : list) run(() -> subscriber.onMessage().accept(notification.getParameter()));
    }

    private static void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("A notification's subscriber failed", e);
        }
    }

    private static void requireChannel(String channel) {
        if (!CHANNEL.matcher(channel).matches()) throw new IllegalArgumentException("not a channel name: " + channel);
    }
}
