package nl.protocolbot.feedback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Durable feedback through JDBC: 👍/👎 votes per article and how many questions found nothing. Stores no user IDs
 * and no question text, except, when the operator asks for it, the text (never the asker) of questions the protocol
 * does not cover. Every write is committed before the method returns. Thread-safe.
 *
 * <p>The default is an SQLite file; any JDBC URL whose database understands {@code INSERT … ON CONFLICT} (SQLite,
 * PostgreSQL) works, with its driver on the class path.
 */
public final class FeedbackStore implements AutoCloseable {
    /** Votes for one article. */
    public record Votes(String articleId, long up, long down) {
    }

    /** 👍 and 👎 votes cast on one day (UTC). */
    public record DayVotes(LocalDate day, long up, long down) {
    }

    /** Questions that found nothing in the week (UTC) that starts on {@code monday}. */
    public record WeekCount(LocalDate monday, long count) {
    }

    /** Everything {@code protocolbot stats} shows. */
    public record Stats(List<Votes> votes, long unanswered, List<String> unansweredQuestions) {
    }

    private final Connection connection;
    private final boolean keepUnanswered;
    private final Clock clock;

    private FeedbackStore(Connection connection, boolean keepUnanswered, Clock clock) {
        this.connection = connection;
        this.keepUnanswered = keepUnanswered;
        this.clock = clock;
    }

    /** Opens (and creates if needed) {@code protocolbot.db} in a data folder. */
    public static FeedbackStore openFolder(Path dataDir, boolean keepUnanswered) throws SQLException {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new SQLException("kan datamap " + dataDir + " niet aanmaken: " + e.getMessage(), e);
        }
        return open("jdbc:sqlite:" + dataDir.resolve("protocolbot.db").toAbsolutePath(), keepUnanswered);
    }

    public static FeedbackStore open(String jdbcUrl, boolean keepUnanswered) throws SQLException {
        return open(jdbcUrl, keepUnanswered, Clock.systemUTC());
    }

    /** {@link #open(String, boolean)} with the clock that dates votes and unanswered questions. */
    public static FeedbackStore open(String jdbcUrl, boolean keepUnanswered, Clock clock) throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl);
        try (Statement s = c.createStatement()) {
            if (jdbcUrl.startsWith("jdbc:sqlite:")) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            s.execute("CREATE TABLE IF NOT EXISTS votes (article_id VARCHAR(200) PRIMARY KEY, "
                    + "up BIGINT NOT NULL DEFAULT 0, down BIGINT NOT NULL DEFAULT 0)");
            s.execute("CREATE TABLE IF NOT EXISTS counters (name VARCHAR(50) PRIMARY KEY, value BIGINT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS unanswered (asked_on VARCHAR(10) NOT NULL, question TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS seen (seen_key VARCHAR(300) PRIMARY KEY, expires_at BIGINT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS vote_days (day VARCHAR(10) PRIMARY KEY, "
                    + "up BIGINT NOT NULL DEFAULT 0, down BIGINT NOT NULL DEFAULT 0)");
            s.execute("CREATE TABLE IF NOT EXISTS unanswered_weeks (monday VARCHAR(10) PRIMARY KEY, "
                    + "n BIGINT NOT NULL)");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new FeedbackStore(c, keepUnanswered, clock);
    }

    /** Counts one vote for each of the articles an answer showed, and one for the day. */
    public synchronized void vote(Collection<String> articleIds, boolean up) throws SQLException {
        String column = up ? "up" : "down";
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO vote_days (day, " + column
                + ") VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET " + column + " = vote_days." + column + " + 1")) {
            p.setString(1, today().toString());
            p.executeUpdate();
        }
        String sql = up
                ? "INSERT INTO votes (article_id, up, down) VALUES (?, 1, 0) "
                        + "ON CONFLICT (article_id) DO UPDATE SET up = votes.up + 1"
                : "INSERT INTO votes (article_id, up, down) VALUES (?, 0, 1) "
                        + "ON CONFLICT (article_id) DO UPDATE SET down = votes.down + 1";
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            for (String id : articleIds) {
                p.setString(1, Objects.requireNonNull(id));
                p.executeUpdate();
            }
        }
    }

    /** Counts a question that found nothing; keeps its text only when the operator enabled that. */
    public synchronized void unanswered(String question) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO counters (name, value) VALUES ('unanswered', 1) "
                        + "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1")) {
            p.executeUpdate();
        }
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO unanswered_weeks (monday, n) VALUES (?, 1) "
                + "ON CONFLICT (monday) DO UPDATE SET n = unanswered_weeks.n + 1")) {
            p.setString(1, today().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString());
            p.executeUpdate();
        }
        if (keepUnanswered && question != null && !question.isBlank()) {
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO unanswered (asked_on, question) VALUES (?, ?)")) {
                p.setString(1, today().toString());
                p.setString(2, question.strip().length() > 500 ? question.strip().substring(0, 500) : question.strip());
                p.executeUpdate();
            }
        }
    }

    /**
     * Claims a key (a Slack event ID, a message's channel and ts, a request signature, a Teams activity ID) for
     * {@code ttl}: true when nobody holds it, false for a repeat within that time. Durable, so that it holds across
     * restarts and, on a shared database, across replicas.
     */
    public synchronized boolean claim(String key, Duration ttl) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement p = connection.prepareStatement("DELETE FROM seen WHERE seen_key = ? AND expires_at <= ?")) {
            p.setString(1, Objects.requireNonNull(key));
            p.setLong(2, now);
            p.executeUpdate();
        }
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO seen (seen_key, expires_at) VALUES (?, ?) ON CONFLICT (seen_key) DO NOTHING")) {
            p.setString(1, key);
            p.setLong(2, now + ttl.toMillis());
            return p.executeUpdate() == 1;
        }
    }

    /** Gives a claim back, so that a retry of work that failed on our side is not refused as a repeat. */
    public synchronized void release(String key) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("DELETE FROM seen WHERE seen_key = ?")) {
            p.setString(1, Objects.requireNonNull(key));
            p.executeUpdate();
        }
    }

    public synchronized Stats stats() throws SQLException {
        List<Votes> votes = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT article_id, up, down FROM votes ORDER BY up + down DESC, article_id")) {
            while (r.next()) {
                votes.add(new Votes(r.getString(1), r.getLong(2), r.getLong(3)));
            }
        }
        long unanswered = 0;
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT value FROM counters WHERE name = 'unanswered'")) {
            if (r.next()) {
                unanswered = r.getLong(1);
            }
        }
        List<String> questions = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT asked_on, question FROM unanswered ORDER BY asked_on")) {
            while (r.next()) {
                questions.add(r.getString(1) + "  " + r.getString(2));
            }
        }
        return new Stats(votes, unanswered, questions);
    }

    /** Votes per day from {@code from} on, oldest first; days without votes are left out. */
    public synchronized List<DayVotes> votesPerDay(LocalDate from) throws SQLException {
        List<DayVotes> out = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT day, up, down FROM vote_days WHERE day >= ? ORDER BY day")) {
            p.setString(1, from.toString());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new DayVotes(LocalDate.parse(r.getString(1)), r.getLong(2), r.getLong(3)));
                }
            }
        }
        return out;
    }

    /** Unanswered questions per week from the week holding {@code from} on, oldest first; empty weeks left out. */
    public synchronized List<WeekCount> unansweredPerWeek(LocalDate from) throws SQLException {
        List<WeekCount> out = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT monday, n FROM unanswered_weeks WHERE monday >= ? ORDER BY monday")) {
            p.setString(1, from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new WeekCount(LocalDate.parse(r.getString(1)), r.getLong(2)));
                }
            }
        }
        return out;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
