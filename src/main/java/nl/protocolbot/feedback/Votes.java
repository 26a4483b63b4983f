package nl.protocolbot.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * 👍/👎 votes per article and per day. A 👎 also keeps the question's text when the operator asked for that
 * ({@link KeptTexts}). Every write is one transaction, committed before the method returns; safe for several
 * processes on one PostgreSQL database.
 */
public final class Votes {
    /** Votes for one article. */
    public record PerArticle(String articleId, long up, long down) {
    }

    /** 👍 and 👎 votes cast on one day. */
    public record PerDay(LocalDate day, long up, long down) {
    }

    private final Jdbc db;
    private final Claims claims;
    private final KeptTexts texts;

    Votes(Jdbc db, Claims claims, KeptTexts texts) {
        this.db = db;
        this.claims = claims;
        this.texts = texts;
    }

    /**
     * Counts one vote for each of the articles an answer showed, in one transaction. For a 👎, and only when
     * texts are kept, the question's text is kept too, with those articles (never who asked).
     */
    public void vote(Collection<String> articleIds, Vote vote, Optional<String> question) throws SQLException {
        List<String> ids = sortedIds(articleIds);
        Optional<String> kept = vote == Vote.DOWN ? texts.keepable(question) : Optional.empty();
        db.inTransaction(c -> count(c, ids, vote, kept));
    }

    /**
     * Counts a vote once per key (one person's vote on one answer): claims the key as {@link Claims#claim} does and
     * counts the vote in the same transaction, so that a failure or a crash between the two can neither lose the
     * vote (the key held, the vote not counted) nor count it twice. False, counting nothing, when the key is held.
     */
    public boolean voteOnce(String key, Duration ttl, Collection<String> articleIds, Vote vote,
                            Optional<String> question) throws SQLException {
        Objects.requireNonNull(key);
        List<String> ids = sortedIds(articleIds);
        Optional<String> kept = vote == Vote.DOWN ? texts.keepable(question) : Optional.empty();
        long now = db.clock().millis();
        claims.purgeExpired(now);
        boolean[] first = new boolean[1];
        db.inTransaction(c -> {
            first[0] = Claims.claim(c, key, now, ttl);
            if (first[0]) {
                count(c, ids, vote, kept);
            }
        });
        return first[0];
    }

    /** Votes per article, most votes first. */
    public List<PerArticle> perArticle() throws SQLException {
        try (Connection c = db.connection()) {
            return perArticle(c);
        }
    }

    /** Votes per day from {@code from} on, oldest first; days without votes are left out. */
    public List<PerDay> perDay(LocalDate from) throws SQLException {
        List<PerDay> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT day, up, down FROM vote_days WHERE day >= ? ORDER BY day")) {
            p.setString(1, from.toString());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new PerDay(LocalDate.parse(r.getString(1)), r.getLong(2), r.getLong(3)));
                }
            }
        }
        return out;
    }

    Jdbc db() {
        return db;
    }

    /** In a fixed order, so that two processes voting on the same articles cannot deadlock. */
    private static List<String> sortedIds(Collection<String> articleIds) {
        return articleIds.stream().map(Objects::requireNonNull).distinct().sorted().toList();
    }

    private void count(Connection c, List<String> ids, Vote vote, Optional<String> kept) throws SQLException {
        String sql = vote == Vote.UP
                ? "INSERT INTO votes (article_id, up, down) VALUES (?, 1, 0) "
                        + "ON CONFLICT (article_id) DO UPDATE SET up = votes.up + 1"
                : "INSERT INTO votes (article_id, up, down) VALUES (?, 0, 1) "
                        + "ON CONFLICT (article_id) DO UPDATE SET down = votes.down + 1";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (String id : ids) {
                p.setString(1, id);
                p.executeUpdate();
            }
        }
        String column = vote == Vote.UP ? "up" : "down";
        try (PreparedStatement p = c.prepareStatement("INSERT INTO vote_days (day, " + column + ") VALUES (?, 1) "
                + "ON CONFLICT (day) DO UPDATE SET " + column + " = vote_days." + column + " + 1")) {
            p.setString(1, LocalDate.now(db.clock()).toString());
            p.executeUpdate();
        }
        if (kept.isPresent()) {
            texts.keep(c, KeptTexts.Kind.VOTED_DOWN, kept.get(), ids);
        }
    }

    static List<PerArticle> perArticle(Connection c) throws SQLException {
        List<PerArticle> votes = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT article_id, up, down FROM votes ORDER BY up + down DESC, article_id");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                votes.add(new PerArticle(r.getString(1), r.getLong(2), r.getLong(3)));
            }
        }
        return votes;
    }
}
