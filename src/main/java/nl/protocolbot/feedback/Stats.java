package nl.protocolbot.feedback;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Everything {@code protocolbot stats} shows: votes, the unanswered count, and the kept texts by ID. */
public record Stats(List<Votes.PerArticle> votes, long unanswered, List<KeptTexts.Text> keptTexts) {
    /** Reads all three on one connection; both stores come from the same {@link FeedbackStore}. */
    public static Stats read(Votes votes, KeptTexts texts) throws SQLException {
        if (votes.db() != texts.db()) {
            throw new IllegalArgumentException("votes and texts of different stores");
        }
        try (Connection c = votes.db().connection()) {
            return new Stats(Votes.perArticle(c), KeptTexts.unansweredCount(c), KeptTexts.all(c));
        }
    }
}
