package nl.protocolbot.feedback;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * What the web pages share between replicas: claims with a sliding expiry (sessions), live claims counted by
 * prefix (wrong logins), and keys made once (the form-signing key). Claims are those of {@link Claims}, in the same
 * table.
 */
public final class WebState {
    private final Jdbc db;
    private final Claims claims;

    WebState(Jdbc db, Claims claims) {
        this.db = db;
        this.claims = claims;
    }

    /** Claims a key for {@code ttl}, as {@link Claims#claim} does: false when it is held. */
    public boolean claim(String key, Duration ttl) throws SQLException {
        return claims.claim(key, ttl);
    }

    /** Gives a claim back, as {@link Claims#release} does. */
    public void release(String key) throws SQLException {
        claims.release(key);
    }

    /**
     * Keeps a claim alive for {@code ttl} from now, if it still is; false when it expired or was never made (one
     * atomic update: a sliding expiry, e.g. for a session, shared by every replica).
     */
    public boolean extend(String key, Duration ttl) throws SQLException {
        long now = db.clock().millis();
        Objects.requireNonNull(key);
        return db.withConnection(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE seen SET expires_at = ? WHERE seen_key = ? AND expires_at > ?")) {
                p.setLong(1, now + ttl.toMillis());
                p.setString(2, key);
                p.setLong(3, now);
                return p.executeUpdate() == 1;
            }
        });
    }

    /**
     * How many claims whose keys start with {@code prefix} are still live (e.g. wrong logins in the last minute,
     * counted over every replica). The prefix must not hold {@code %} or {@code _}.
     */
    public long live(String prefix) throws SQLException {
        if (prefix.contains("%") || prefix.contains("_")) {
            throw new IllegalArgumentException("a prefix without LIKE wildcards, please");
        }
        long now = db.clock().millis();
        return db.withConnection(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT COUNT(*) FROM seen WHERE seen_key LIKE ? AND expires_at > ?")) {
                p.setString(1, prefix + "%");
                p.setLong(2, now);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    /**
     * A random 256-bit key by name, the same on every replica of this database: made on first use (when two
     * replicas make one at once, one insert wins and both read it).
     */
    public byte[] sharedKey(String name) throws SQLException {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return db.withConnection(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO shared_keys (name, key_value) VALUES (?, ?) "
                    + "ON CONFLICT (name) DO NOTHING")) {
                p.setString(1, Objects.requireNonNull(name));
                p.setString(2, Base64.getEncoder().encodeToString(fresh));
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("SELECT key_value FROM shared_keys WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return Base64.getDecoder().decode(r.getString(1));
                }
            }
        });
    }
}
