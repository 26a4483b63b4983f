package nl.protocolbot.slack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import nl.protocolbot.feedback.FeedbackStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Slack has already sent, kept in the database (so that it holds across restarts and, on a shared database,
 * across replicas): event IDs and messages (channel and ts) for 15 minutes, request signatures for 5 minutes,
 * Slack's retry and replay windows. Keys are stored hashed. A claim is given back when the work failed on our side,
 * so that Slack's retry of it is not refused as a repeat. When the database fails, work is treated as new: a rare
 * double answer is better than none.
 */
final class SeenKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SeenKeys.class);
    static final Duration EVENTS = Duration.ofMinutes(15);
    static final Duration SIGNATURES = Duration.ofMinutes(5);

    private final FeedbackStore store;

    SeenKeys(FeedbackStore store) {
        this.store = store;
    }

    /** True when neither the event ID nor the message was seen within 15 minutes; claims both. */
    boolean claimEvent(String eventId, String channel, String ts) {
        boolean first = claim(eventKey(eventId), EVENTS);
        // the message is claimed as well when the event is new: the same message under another event ID is a repeat
        return claim(messageKey(channel, ts), EVENTS) && first;
    }

    void releaseEvent(String eventId, String channel, String ts) {
        release(eventKey(eventId));
        release(messageKey(channel, ts));
    }

    /** True the first time a signed request is seen within 5 minutes. */
    boolean claimRequest(String signature) {
        return claim(key("signature", signature), SIGNATURES);
    }

    void releaseRequest(String signature) {
        release(key("signature", signature));
    }

    private static String eventKey(String eventId) {
        return key("event", eventId);
    }

    private static String messageKey(String channel, String ts) {
        return channel == null || ts == null ? null : key("message", channel + "/" + ts);
    }

    private boolean claim(String key, Duration ttl) {
        if (key == null) {
            return true;
        }
        try {
            return store.claim(key, ttl);
        } catch (SQLException e) {
            LOG.error("seen-key store failed ({}): handled as new", e.getClass().getSimpleName());
            return true;
        }
    }

    private void release(String key) {
        if (key == null) {
            return;
        }
        try {
            store.release(key);
        } catch (SQLException e) {
            LOG.error("seen-key store failed ({}): a claim could not be given back", e.getClass().getSimpleName());
        }
    }

    private static String key(String kind, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "slack:" + kind + ":" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
