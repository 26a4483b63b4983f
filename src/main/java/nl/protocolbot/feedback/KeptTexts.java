package nl.protocolbot.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Questions that found nothing (counted always, per week too) and, only when the operator asks for it
 * ({@link QuestionTexts#KEEP}), the text (never the asker) of questions that found nothing or whose answer got 👎.
 * Every write is committed before the method returns.
 */
public final class KeptTexts {
    /** Longest question text kept, in characters. */
    static final int MAX_TEXT = 500;

    /** Why a question text was kept. */
    public enum Kind { UNANSWERED, VOTED_DOWN }

    /**
     * A kept question text: its ID (to delete it), why it was kept, the day it was asked, and for
     * {@link Kind#VOTED_DOWN} the articles the answer showed. Never who asked.
     */
    public record Text(long id, Kind kind, LocalDate askedOn, String question, List<String> articleIds) {
    }

    /** Questions that found nothing in the week that starts on {@code monday}. */
    public record PerWeek(LocalDate monday, long count) {
    }

    private final Jdbc db;
    private final QuestionTexts texts;

    KeptTexts(Jdbc db, QuestionTexts texts) {
        this.db = db;
        this.texts = texts;
    }

    /** Counts a question that found nothing; keeps its text only when the operator enabled that. */
    public void unanswered(String question) throws SQLException {
        Optional<String> kept = keepable(Optional.ofNullable(question));
        db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO counters (name, value) VALUES ('unanswered', 1) "
                            + "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1")) {
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO unanswered_weeks (monday, n) VALUES (?, 1) "
                    + "ON CONFLICT (monday) DO UPDATE SET n = unanswered_weeks.n + 1")) {
                p.setString(1, monday(LocalDate.now(db.clock())).toString());
                p.executeUpdate();
            }
            if (kept.isPresent()) {
                keep(c, Kind.UNANSWERED, kept.get(), List.of());
            }
        });
    }

    /** The kept question texts, oldest first, each with its ID. */
    public List<Text> all() throws SQLException {
        try (Connection c = db.connection()) {
            return all(c);
        }
    }

    /** Deletes one kept question text; false when there is none with that ID. */
    public boolean delete(long id) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("DELETE FROM kept_questions WHERE id = ?")) {
            p.setLong(1, id);
            return p.executeUpdate() == 1;
        }
    }

    /** Unanswered questions per week from the week holding {@code from} on, oldest first; empty weeks left out. */
    public List<PerWeek> unansweredPerWeek(LocalDate from) throws SQLException {
        List<PerWeek> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement(
                     "SELECT monday, n FROM unanswered_weeks WHERE monday >= ? ORDER BY monday")) {
            p.setString(1, monday(from).toString());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new PerWeek(LocalDate.parse(r.getString(1)), r.getLong(2)));
                }
            }
        }
        return out;
    }

    Jdbc db() {
        return db;
    }

    /** The text cut to {@link #MAX_TEXT} characters, as it would be kept. */
    public static String cut(String text) {
        return text.codePointCount(0, text.length()) <= MAX_TEXT ? text
                : text.substring(0, text.offsetByCodePoints(0, MAX_TEXT));
    }

    /** The text as it would be kept: stripped and cut; empty when texts are not kept or it is blank. */
    Optional<String> keepable(Optional<String> question) {
        if (texts != QuestionTexts.KEEP) {
            return Optional.empty();
        }
        return question.map(String::strip).filter(q -> !q.isEmpty()).map(KeptTexts::cut);
    }

    /** Keeps a text within the caller's transaction. */
    void keep(Connection c, Kind kind, String question, List<String> articleIds) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO kept_questions (kind, asked_on, question, article_ids) VALUES (?, ?, ?, ?)")) {
            p.setString(1, kind.name().toLowerCase(Locale.ROOT));
            p.setString(2, LocalDate.now(db.clock()).toString());
            p.setString(3, question);
            p.setString(4, String.join(",", articleIds));
            p.executeUpdate();
        }
    }

    static long unansweredCount(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT value FROM counters WHERE name = 'unanswered'");
             ResultSet r = p.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    static List<Text> all(Connection c) throws SQLException {
        List<Text> kept = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, kind, asked_on, question, article_ids FROM kept_questions ORDER BY id");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                String ids = r.getString(5);
                kept.add(new Text(r.getLong(1), Kind.valueOf(r.getString(2).toUpperCase(Locale.ROOT)),
                        LocalDate.parse(r.getString(3)), r.getString(4),
                        ids.isEmpty() ? List.of() : List.of(ids.split(","))));
            }
        }
        return kept;
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
