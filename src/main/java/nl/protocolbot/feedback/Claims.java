package nl.protocolbot.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The keys that de-duplicate events and refuse replays (a Slack event ID, a message's channel and ts, a request
 * signature, a Teams activity ID), each held for a while: the {@code seen} table. Thread-safe, and safe for several
 * processes on one PostgreSQL database.
 */
public final class Claims {
    /** Expired claims are deleted at most this often. */
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final Jdbc db;
    private final AtomicLong lastPurge = new AtomicLong();

    Claims(Jdbc db) {
        this.db = db;
    }

    /**
     * Claims a key for {@code ttl}: true when nobody holds it, false for a repeat within that time. Durable, so that
     * it holds across restarts and, on a shared database, across replicas: one atomic upsert takes a free or expired
     * key, so two processes claiming the same key at once get one true and one false.
     */
    public boolean claim(String key, Duration ttl) throws SQLException {
        long now = db.clock().millis();
        purgeExpired(now);
        Objects.requireNonNull(key);
        return db.withConnection(c -> claim(c, key, now, ttl));
    }

    /** Gives a claim back, so that a retry of work that failed on our side is not refused as a repeat. */
    public void release(String key) throws SQLException {
        Objects.requireNonNull(key);
        db.withConnection(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM seen WHERE seen_key = ?")) {
                p.setString(1, key);
                return p.executeUpdate();
            }
        });
    }

    /** One atomic upsert that takes a free or expired key (also inside a vote's transaction, {@link Votes}). */
    static boolean claim(Connection c, String key, long now, Duration ttl) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO seen (seen_key, expires_at) VALUES (?, ?) "
                + "ON CONFLICT (seen_key) DO UPDATE SET expires_at = excluded.expires_at "
                + "WHERE seen.expires_at <= ?")) {
            p.setString(1, key);
            p.setLong(2, now + ttl.toMillis());
            p.setLong(3, now);
            return p.executeUpdate() == 1;
        }
    }

    /** Deletes expired claims now and then, so that the table stays as small as the keys that matter. */
    void purgeExpired(long now) throws SQLException {
        long last = lastPurge.get();
        if (now - last >= PURGE_EVERY.toMillis() && lastPurge.compareAndSet(last, now)) {
            try (Connection c = db.connection();
                 PreparedStatement p = c.prepareStatement("DELETE FROM seen WHERE expires_at <= ?")) {
                p.setLong(1, now);
                p.executeUpdate();
            }
        }
    }
}
