package nl.protocolbot.feedback;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.api.FlywayException;

/**
 * Durable feedback and shared state through JDBC: 👍/👎 votes per article, how many questions found nothing, the
 * keys that de-duplicate events and refuse replays, and, only when the operator asks for it, the text (never the
 * asker) of questions that found nothing or whose answer got 👎. Every write is committed before the method
 * returns. Thread-safe, and safe for several processes on one PostgreSQL database (every write is one atomic
 * upsert or one transaction).
 *
 * <p>The database is an SQLite file (the default, under {@code PROTOCOLBOT_DATA}) or PostgreSQL; its schema is
 * brought up to date by versioned migrations when the store opens.
 */
public final class FeedbackStore implements AutoCloseable {
    /** Longest question text kept, in characters. */
    static final int MAX_TEXT = 500;
    /** Expired claims are deleted at most this often. */
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    /** Votes for one article. */
    public record Votes(String articleId, long up, long down) {
    }

    public enum Vote { UP, DOWN }

    /** Whether question texts are kept at all ({@code PROTOCOLBOT_KEEP_UNANSWERED}). */
    public enum QuestionTexts { KEEP, DISCARD }

    /** Why a question text was kept. */
    public enum TextKind { UNANSWERED, VOTED_DOWN }

    /**
     * A kept question text: its ID (to delete it), why it was kept, the day it was asked, and for
     * {@link TextKind#VOTED_DOWN} the articles the answer showed. Never who asked.
     */
    public record KeptText(long id, TextKind kind, LocalDate askedOn, String question, List<String> articleIds) {
    }

    /** 👍 and 👎 votes cast on one day. */
    public record DayVotes(LocalDate day, long up, long down) {
    }

    /** Questions that found nothing in the week that starts on {@code monday}. */
    public record WeekCount(LocalDate monday, long count) {
    }

    /** Everything {@code protocolbot stats} shows: votes, the unanswered count, and the kept texts by ID. */
    public record Stats(List<Votes> votes, long unanswered, List<KeptText> keptTexts) {
    }

    /** The database could not be reached or migrated. The message is one line and never holds the password. */
    public static final class Unavailable extends SQLException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * Where the store lives: a JDBC URL ({@code jdbc:sqlite:…} or {@code jdbc:postgresql:…}) with optional
     * credentials. {@link #toString()} shows neither the password nor the URL's query string.
     */
    public record Database(String url, Optional<String> user, Optional<String> password) {
        public enum Kind { SQLITE, POSTGRESQL }

        public Database {
            Objects.requireNonNull(url);
            if (kindOf(url).isEmpty()) {
                throw new IllegalArgumentException("only jdbc:sqlite: and jdbc:postgresql: URLs are supported");
            }
        }

        /** The default: {@code protocolbot.db} in a data folder. */
        public static Database inFolder(Path dataDir) {
            return new Database("jdbc:sqlite:" + dataDir.resolve("protocolbot.db").toAbsolutePath(),
                    Optional.empty(), Optional.empty());
        }

        /** Whether the URL names a database this store supports. */
        public static boolean supported(String url) {
            return kindOf(url).isPresent();
        }

        public Kind kind() {
            return kindOf(url).orElseThrow();
        }

        /** The SQLite file, when the URL names one by path. */
        public Optional<Path> sqliteFile() {
            String rest = url.substring("jdbc:sqlite:".length());
            if (kind() != Kind.SQLITE || rest.isEmpty() || rest.startsWith(":") || rest.startsWith("file:")) {
                return Optional.empty();
            }
            int query = rest.indexOf('?');
            return Optional.of(Path.of(query < 0 ? rest : rest.substring(0, query)));
        }

        /** The URL for messages and logs: no query string, no user info. */
        public String redactedUrl() {
            return Redact.url(url);
        }

        private static Optional<Kind> kindOf(String url) {
            String u = url.toLowerCase(Locale.ROOT);
            return u.startsWith("jdbc:sqlite:") ? Optional.of(Kind.SQLITE)
                    : u.startsWith("jdbc:postgresql:") ? Optional.of(Kind.POSTGRESQL) : Optional.empty();
        }

        @Override
        public String toString() {
            return redactedUrl() + user.map(u -> " (user " + u + ")").orElse("");
        }
    }

    /** Opens a store: {@code FeedbackStore.builder(db).questionTexts(KEEP).open()}. */
    public static final class Builder {
        private final Database database;
        private QuestionTexts texts = QuestionTexts.DISCARD;
        private Clock clock = Clock.systemUTC();

        private Builder(Database database) {
            this.database = Objects.requireNonNull(database);
        }

        public Builder questionTexts(QuestionTexts texts) {
            this.texts = Objects.requireNonNull(texts);
            return this;
        }

        /** The clock for claim expiry and the day a text is kept (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * Connects, and migrates the schema to the current version.
         *
         * @throws Unavailable when the database cannot be reached or migrated; one line, no password
         */
        public FeedbackStore open() throws Unavailable {
            String where = "database " + database.redactedUrl();
            try {
                Pool.probe(database);
            } catch (SQLException e) {
                throw new Unavailable(where + " is niet bereikbaar: " + Redact.message(e.getMessage(), database.password()));
            }
            HikariDataSource pool = Pool.open(database);
            try {
                Migrations.run(pool, database.kind());
            } catch (FlywayException e) {
                pool.close();
                String first = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                throw new Unavailable(where + ": schema bijwerken mislukt: " + Redact.message(first, database.password()));
            }
            return new FeedbackStore(pool, texts, clock);
        }
    }

    private final HikariDataSource pool;
    private final QuestionTexts texts;
    private final Clock clock;
    private final AtomicLong lastPurge = new AtomicLong();

    private FeedbackStore(HikariDataSource pool, QuestionTexts texts, Clock clock) {
        this.pool = pool;
        this.texts = texts;
        this.clock = clock;
    }

    public static Builder builder(Database database) {
        return new Builder(database);
    }

    /** Opens (and creates if needed) {@code protocolbot.db} in a data folder. */
    public static FeedbackStore openFolder(Path dataDir, boolean keepUnanswered) throws SQLException {
        return builder(Database.inFolder(dataDir)).questionTexts(keepUnanswered ? QuestionTexts.KEEP
                : QuestionTexts.DISCARD).open();
    }

    /** Counts one vote for each of the articles an answer showed. */
    public void vote(Collection<String> articleIds, boolean up) throws SQLException {
        vote(articleIds, up ? Vote.UP : Vote.DOWN, Optional.empty());
    }

    /**
     * Counts one vote for each of the articles an answer showed, in one transaction. For a 👎, and only when
     * texts are kept, the question's text is kept too, with those articles (never who asked).
     */
    public void vote(Collection<String> articleIds, Vote vote, Optional<String> question) throws SQLException {
        List<String> ids = sortedIds(articleIds);
        Optional<String> kept = vote == Vote.DOWN ? keepable(question) : Optional.empty();
        inTransaction(c -> count(c, ids, vote, kept));
    }

    /** In a fixed order, so that two processes voting on the same articles cannot deadlock. */
    private static List<String> sortedIds(Collection<String> articleIds) {
        return articleIds.stream().map(Objects::requireNonNull).distinct().sorted().toList();
    }

    /**
     * Counts a vote once per key (one person's vote on one answer): claims the key as {@link #claim} does and counts
     * the vote in the same transaction, so that a failure or a crash between the two can neither lose the vote
     * (the key held, the vote not counted) nor count it twice. False, counting nothing, when the key is held.
     */
    public boolean voteOnce(String key, Duration ttl, Collection<String> articleIds, Vote vote,
                            Optional<String> question) throws SQLException {
        Objects.requireNonNull(key);
        List<String> ids = sortedIds(articleIds);
        Optional<String> kept = vote == Vote.DOWN ? keepable(question) : Optional.empty();
        long now = clock.millis();
        purgeExpired(now);
        boolean[] first = new boolean[1];
        inTransaction(c -> {
            first[0] = claim(c, key, now, ttl);
            if (first[0]) {
                count(c, ids, vote, kept);
            }
        });
        return first[0];
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
            p.setString(1, LocalDate.now(clock).toString());
            p.executeUpdate();
        }
        if (kept.isPresent()) {
            keep(c, TextKind.VOTED_DOWN, kept.get(), ids);
        }
    }

    /** Counts a question that found nothing; keeps its text only when the operator enabled that. */
    public void unanswered(String question) throws SQLException {
        Optional<String> kept = keepable(Optional.ofNullable(question));
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO counters (name, value) VALUES ('unanswered', 1) "
                            + "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1")) {
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO unanswered_weeks (monday, n) VALUES (?, 1) "
                    + "ON CONFLICT (monday) DO UPDATE SET n = unanswered_weeks.n + 1")) {
                p.setString(1, monday(LocalDate.now(clock)).toString());
                p.executeUpdate();
            }
            if (kept.isPresent()) {
                keep(c, TextKind.UNANSWERED, kept.get(), List.of());
            }
        });
    }

    /**
     * Claims a key (a Slack event ID, a message's channel and ts, a request signature, a Teams activity ID) for
     * {@code ttl}: true when nobody holds it, false for a repeat within that time. Durable, so that it holds across
     * restarts and, on a shared database, across replicas: one atomic upsert takes a free or expired key, so two
     * processes claiming the same key at once get one true and one false.
     */
    public boolean claim(String key, Duration ttl) throws SQLException {
        long now = clock.millis();
        purgeExpired(now);
        Objects.requireNonNull(key);
        return withConnection(c -> claim(c, key, now, ttl));
    }

    /** One atomic upsert that takes a free or expired key. */
    private static boolean claim(Connection c, String key, long now, Duration ttl) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO seen (seen_key, expires_at) VALUES (?, ?) "
                + "ON CONFLICT (seen_key) DO UPDATE SET expires_at = excluded.expires_at "
                + "WHERE seen.expires_at <= ?")) {
            p.setString(1, key);
            p.setLong(2, now + ttl.toMillis());
            p.setLong(3, now);
            return p.executeUpdate() == 1;
        }
    }

    /**
     * Keeps a claim alive for {@code ttl} from now, if it still is; false when it expired or was never made (one
     * atomic update: a sliding expiry, e.g. for a session, shared by every replica).
     */
    public boolean extend(String key, Duration ttl) throws SQLException {
        long now = clock.millis();
        Objects.requireNonNull(key);
        return withConnection(c -> {
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
        long now = clock.millis();
        return withConnection(c -> {
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
        new java.security.SecureRandom().nextBytes(fresh);
        return withConnection(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO shared_keys (name, key_value) VALUES (?, ?) "
                    + "ON CONFLICT (name) DO NOTHING")) {
                p.setString(1, Objects.requireNonNull(name));
                p.setString(2, java.util.Base64.getEncoder().encodeToString(fresh));
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("SELECT key_value FROM shared_keys WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return java.util.Base64.getDecoder().decode(r.getString(1));
                }
            }
        });
    }

    /** Gives a claim back, so that a retry of work that failed on our side is not refused as a repeat. */
    public void release(String key) throws SQLException {
        update("DELETE FROM seen WHERE seen_key = ?", Objects.requireNonNull(key));
    }

    public Stats stats() throws SQLException {
        try (Connection c = pool.getConnection()) {
            return new Stats(votes(c), unansweredCount(c), keptTexts(c));
        }
    }

    /** The kept question texts, oldest first, each with its ID. */
    public List<KeptText> keptTexts() throws SQLException {
        try (Connection c = pool.getConnection()) {
            return keptTexts(c);
        }
    }

    /** Deletes one kept question text; false when there is none with that ID. */
    public boolean deleteKeptText(long id) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("DELETE FROM kept_questions WHERE id = ?")) {
            p.setLong(1, id);
            return p.executeUpdate() == 1;
        }
    }

    /** Votes per day from {@code from} on, oldest first; days without votes are left out. */
    public List<DayVotes> votesPerDay(LocalDate from) throws SQLException {
        List<DayVotes> out = new ArrayList<>();
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT day, up, down FROM vote_days WHERE day >= ? ORDER BY day")) {
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
    public List<WeekCount> unansweredPerWeek(LocalDate from) throws SQLException {
        List<WeekCount> out = new ArrayList<>();
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement(
                     "SELECT monday, n FROM unanswered_weeks WHERE monday >= ? ORDER BY monday")) {
            p.setString(1, monday(from).toString());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new WeekCount(LocalDate.parse(r.getString(1)), r.getLong(2)));
                }
            }
        }
        return out;
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
    }

    /** Closes the pool. Declares SQLException as the store always has, so that callers stay as they are. */
    @Override
    public void close() throws SQLException {
        pool.close();
    }

    private Optional<String> keepable(Optional<String> question) {
        if (texts != QuestionTexts.KEEP) {
            return Optional.empty();
        }
        return question.map(String::strip).filter(q -> !q.isEmpty()).map(FeedbackStore::cut);
    }

    /** The text cut to {@link #MAX_TEXT} characters, as it would be kept. */
    public static String cut(String text) {
        return text.codePointCount(0, text.length()) <= MAX_TEXT ? text
                : text.substring(0, text.offsetByCodePoints(0, MAX_TEXT));
    }

    private void keep(Connection c, TextKind kind, String question, List<String> articleIds) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO kept_questions (kind, asked_on, question, article_ids) VALUES (?, ?, ?, ?)")) {
            p.setString(1, kind.name().toLowerCase(Locale.ROOT));
            p.setString(2, LocalDate.now(clock).toString());
            p.setString(3, question);
            p.setString(4, String.join(",", articleIds));
            p.executeUpdate();
        }
    }

    /** Deletes expired claims now and then, so that the table stays as small as the keys that matter. */
    private void purgeExpired(long now) throws SQLException {
        long last = lastPurge.get();
        if (now - last >= PURGE_EVERY.toMillis() && lastPurge.compareAndSet(last, now)) {
            try (Connection c = pool.getConnection();
                 PreparedStatement p = c.prepareStatement("DELETE FROM seen WHERE expires_at <= ?")) {
                p.setLong(1, now);
                p.executeUpdate();
            }
        }
    }

    private static List<Votes> votes(Connection c) throws SQLException {
        List<Votes> votes = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT article_id, up, down FROM votes ORDER BY up + down DESC, article_id");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                votes.add(new Votes(r.getString(1), r.getLong(2), r.getLong(3)));
            }
        }
        return votes;
    }

    private static long unansweredCount(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT value FROM counters WHERE name = 'unanswered'");
             ResultSet r = p.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private static List<KeptText> keptTexts(Connection c) throws SQLException {
        List<KeptText> kept = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, kind, asked_on, question, article_ids FROM kept_questions ORDER BY id");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                String ids = r.getString(5);
                kept.add(new KeptText(r.getLong(1), TextKind.valueOf(r.getString(2).toUpperCase(Locale.ROOT)),
                        LocalDate.parse(r.getString(3)), r.getString(4),
                        ids.isEmpty() ? List.of() : List.of(ids.split(","))));
            }
        }
        return kept;
    }

    private void update(String sql, String value) throws SQLException {
        withConnection(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, value);
                return p.executeUpdate();
            }
        });
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(Work work) throws SQLException {
        withConnection(c -> {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        });
    }

    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs work on a pooled connection. A pooled connection that died with an earlier database server (a restart,
     * a fail-over) fails with SQLState class 08; the pool drops it, and the work is tried once more on a fresh
     * connection, so that the first write after the database is back is not lost. Getting a connection is not
     * retried: while the database is away a write fails within the pool's short timeout.
     */
    private <T> T withConnection(Query<T> work) throws SQLException {
        Connection first = pool.getConnection();
        try (first) {
            return work.run(first);
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("08")) {
                throw e;
            }
        }
        try (Connection second = pool.getConnection()) {
            return work.run(second);
        }
    }
}
