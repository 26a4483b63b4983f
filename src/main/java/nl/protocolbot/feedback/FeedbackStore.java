package nl.protocolbot.feedback;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Clock;
import org.flywaydb.core.api.FlywayException;

/**
 * Durable feedback and shared state through JDBC, opened once: it connects, brings the schema up to date with
 * versioned migrations, and hands out the stores that share its one connection pool: {@link Votes},
 * {@link KeptTexts}, {@link Claims} and {@link WebState}. Each is thread-safe, and safe for several processes on one
 * PostgreSQL database (every write is one atomic upsert or one transaction).
 *
 * <p>The database is an SQLite file (the default, under {@code PROTOCOLBOT_DATA}) or PostgreSQL.
 */
public final class FeedbackStore implements AutoCloseable {
    /** The database could not be reached or migrated. The message is one line and never holds the password. */
    public static final class Unavailable extends SQLException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    private final Jdbc db;
    private final Claims claims;
    private final KeptTexts keptTexts;
    private final Votes votes;
    private final WebState webState;

    private FeedbackStore(Jdbc db, QuestionTexts texts) {
        this.db = db;
        this.claims = new Claims(db);
        this.keptTexts = new KeptTexts(db, texts);
        this.votes = new Votes(db, claims, keptTexts);
        this.webState = new WebState(db, claims);
    }

    /**
     * Connects, and migrates the schema to the current version.
     *
     * @param texts whether question texts are kept ({@code PROTOCOLBOT_KEEP_UNANSWERED})
     * @throws Unavailable when the database cannot be reached or migrated; one line, no password
     */
    public static FeedbackStore open(Database database, QuestionTexts texts) throws Unavailable {
        return open(database, texts, Clock.systemUTC());
    }

    /** As {@link #open(Database, QuestionTexts)}, with the clock for claim expiry and the day a text is kept. */
    static FeedbackStore open(Database database, QuestionTexts texts, Clock clock) throws Unavailable {
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
        return new FeedbackStore(new Jdbc(pool, clock), texts);
    }

    public Votes votes() {
        return votes;
    }

    public KeptTexts keptTexts() {
        return keptTexts;
    }

    public Claims claims() {
        return claims;
    }

    public WebState webState() {
        return webState;
    }

    /** Closes the pool. Declares SQLException as the store always has, so that callers stay as they are. */
    @Override
    public void close() throws SQLException {
        db.close();
    }
}
