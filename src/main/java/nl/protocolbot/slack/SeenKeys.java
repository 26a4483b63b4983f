package nl.protocolbot.slack;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import nl.protocolbot.feedback.Claims;
import nl.protocolbot.feedback.Vote;
import nl.protocolbot.feedback.Votes;
import nl.protocolbot.crypto.Hmac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Slack has already sent, kept in the database (so that it holds across restarts and, on a shared database,
 * across replicas): event IDs and messages (channel and ts) for 15 minutes, request signatures for 5 minutes,
 * Slack's retry and replay windows; and who voted on which answer, for 15 minutes. Keys are stored as keyed
 * hashes. A claim is given back when the work failed on our side, so that Slack's retry of it is not refused as a
 * repeat. When the database fails, work is treated as new: a rare
 * double answer is better than none.
 */
final class SeenKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SeenKeys.class);
    static final Duration EVENTS = Duration.ofMinutes(15);
    static final Duration SIGNATURES = Duration.ofMinutes(5);

    private final Claims claims;
    private final Votes votes;
    private final byte[] hashKey;

    /**
     * @param hashKey keys are stored as HMACs under this key (the bot token, the same on every replica), so that
     *                what is stored (a channel, a message, who voted) cannot be read back or guessed from the database
     */
    SeenKeys(Claims claims, Votes votes, String hashKey) {
        this.claims = claims;
        this.votes = votes;
        this.hashKey = hashKey.getBytes(StandardCharsets.UTF_8);
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

    /**
     * Counts a vote when this person has not voted on this answer within 15 minutes: the claim and the count in one
     * transaction ({@link Votes#voteOnce}). False when it was counted before. Without a person, channel or
     * message to key it on, the vote is counted as it is. The question's text is kept with a 👎 only when the
     * operator turned that on (see {@link Votes#voteOnce}).
     */
    boolean voteOnce(String user, String channel, String messageTs, java.util.List<String> articleIds,
                     Vote vote, java.util.Optional<String> question) throws SQLException {
        String key = voteKey(user, channel, messageTs);
        if (key == null) {
            votes.vote(articleIds, vote, question);
            return true;
        }
        return votes.voteOnce(key, EVENTS, articleIds, vote, question);
    }

    private String voteKey(String user, String channel, String messageTs) {
        return user == null || channel == null || messageTs == null ? null
                : key("vote", user + "/" + channel + "/" + messageTs);
    }

    private String eventKey(String eventId) {
        return key("event", eventId);
    }

    private String messageKey(String channel, String ts) {
        return channel == null || ts == null ? null : key("message", channel + "/" + ts);
    }

    private boolean claim(String key, Duration ttl) {
        if (key == null) {
            return true;
        }
        try {
            return claims.claim(key, ttl);
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
            claims.release(key);
        } catch (SQLException e) {
            LOG.error("seen-key store failed ({}): a claim could not be given back", e.getClass().getSimpleName());
        }
    }

    private String key(String kind, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return "slack:" + kind + ":" + HexFormat.of().formatHex(Hmac.sha256(hashKey,
                value.getBytes(StandardCharsets.UTF_8)));
    }
}
