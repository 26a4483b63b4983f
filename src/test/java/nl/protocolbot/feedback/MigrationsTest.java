package nl.protocolbot.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versioned migrations on both databases: a fresh database, and one made by the code before migrations (tables
 * created with CREATE TABLE IF NOT EXISTS at every start), which must keep working with its rows.
 */
@ExtendWith(TestPostgres.class)
class MigrationsTest {
    /** The schema exactly as the code before migrations created it. */
    static final List<String> OLD_TABLES = List.of(
            "CREATE TABLE IF NOT EXISTS votes (article_id VARCHAR(200) PRIMARY KEY, "
                    + "up BIGINT NOT NULL DEFAULT 0, down BIGINT NOT NULL DEFAULT 0)",
            "CREATE TABLE IF NOT EXISTS counters (name VARCHAR(50) PRIMARY KEY, value BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS unanswered (asked_on VARCHAR(10) NOT NULL, question TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS seen (seen_key VARCHAR(300) PRIMARY KEY, expires_at BIGINT NOT NULL)");
    static final List<String> OLD_ROWS = List.of(
            "INSERT INTO votes (article_id, up, down) VALUES ('aurora/3.5', 4, 1)",
            "INSERT INTO votes (article_id, up, down) VALUES ('scoh/11tal-8', 0, 2)",
            "INSERT INTO counters (name, value) VALUES ('unanswered', 7)",
            "INSERT INTO unanswered (asked_on, question) VALUES ('2025-02-03', 'Hoe laat begint de kerstviering?')",
            "INSERT INTO unanswered (asked_on, question) VALUES ('2025-01-20', 'Waar kan ik parkeren?')",
            "INSERT INTO seen (seen_key, expires_at) VALUES ('slack:event:Ev1', 9000000000000)");

    @Test
    void aFreshSqliteFileGetsEveryVersion(@TempDir Path dir) throws Exception {
        Database db = Database.inFolder(dir);
        try (FeedbackStore s = FeedbackStore.open(db, QuestionTexts.DISCARD)) {
            assertEquals(new Stats(List.of(), 0, List.of()), TestStores.stats(s));
        }
        assertEquals(List.of("1 success", "2 success", "3 success", "4 success"), history(db));
    }

    @Test
    void aFreshPostgresDatabaseGetsEveryVersion(TestPostgres.Db pg) throws Exception {
        try (FeedbackStore s = FeedbackStore.open(pg.database(), QuestionTexts.DISCARD)) {
            assertEquals(new Stats(List.of(), 0, List.of()), TestStores.stats(s));
        }
        assertEquals(List.of("1 success", "2 success", "3 success", "4 success"), history(pg.database()));
        try (FeedbackStore s = FeedbackStore.open(pg.database(), QuestionTexts.DISCARD)) {
            assertTrue(s.claims().claim("k", Duration.ofMinutes(1)), "a second start migrates nothing and works");
        }
        assertEquals(List.of("1 success", "2 success", "3 success", "4 success"), history(pg.database()));
    }

    @Test
    void anSqliteFileFromBeforeMigrationsIsBaselinedAndKeepsItsRows(@TempDir Path dir) throws Exception {
        Database db = Database.inFolder(dir);
        execute(db, OLD_TABLES, OLD_ROWS);
        assertOldRowsKept(db);
        assertEquals(List.of("0 success", "1 success", "2 success", "3 success", "4 success"), history(db));
    }

    @Test
    void aPostgresDatabaseFromBeforeMigrationsIsBaselinedAndKeepsItsRows(TestPostgres.Db pg) throws Exception {
        execute(pg.database(), OLD_TABLES, OLD_ROWS);
        assertOldRowsKept(pg.database());
        assertEquals(List.of("0 success", "1 success", "2 success", "3 success", "4 success"), history(pg.database()));
    }

    @Test
    void anSqliteFileFromBeforeTheSeenTableGetsIt(@TempDir Path dir) throws Exception {
        Database db = Database.inFolder(dir);
        execute(db, OLD_TABLES.subList(0, 3), List.of("INSERT INTO votes (article_id, up, down) VALUES ('oog/5', 1, 0)"));
        try (FeedbackStore s = FeedbackStore.open(db, QuestionTexts.DISCARD)) {
            assertTrue(s.claims().claim("slack:event:Ev9", Duration.ofMinutes(15)));
            assertFalse(s.claims().claim("slack:event:Ev9", Duration.ofMinutes(15)));
            assertEquals(List.of(new Votes.PerArticle("oog/5", 1, 0)), TestStores.stats(s).votes());
        }
    }

    @Test
    void aDatabaseANewerVersionMigratedStillOpensForARollingUpgrade(@TempDir Path dir) throws Exception {
        Database db = Database.inFolder(dir);
        FeedbackStore.open(db, QuestionTexts.DISCARD).close();
        execute(db, List.of(), List.of("INSERT INTO flyway_schema_history (installed_rank, version, description, "
                + "type, script, checksum, installed_by, execution_time, success) "
                + "VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 1, 'x', 1, 1)"));
        try (FeedbackStore s = FeedbackStore.open(db, QuestionTexts.DISCARD)) {
            s.votes().vote(List.of("oog/5"), Vote.UP, Optional.empty());
        }
    }

    @Test
    void anAppliedMigrationThatWasChangedIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Database db = Database.inFolder(dir);
        FeedbackStore.open(db, QuestionTexts.DISCARD).close();
        execute(db, List.of(), List.of("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'"));
        FeedbackStore.Unavailable e = assertThrows(FeedbackStore.Unavailable.class,
                () -> FeedbackStore.open(db, QuestionTexts.DISCARD));
        assertTrue(e.getMessage().startsWith("database jdbc:sqlite:" + dir.toAbsolutePath().resolve("protocolbot.db")
                + ": schema bijwerken mislukt: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    static void assertOldRowsKept(Database db) throws Exception {
        try (FeedbackStore s = FeedbackStore.open(db, QuestionTexts.DISCARD)) {
            Stats stats = TestStores.stats(s);
            assertEquals(List.of(new Votes.PerArticle("aurora/3.5", 4, 1), new Votes.PerArticle("scoh/11tal-8", 0, 2)),
                    stats.votes());
            assertEquals(7, stats.unanswered());
            assertEquals(List.of(
                    new KeptTexts.Text(1, KeptTexts.Kind.UNANSWERED, LocalDate.of(2025, 1, 20), "Waar kan ik parkeren?", List.of()),
                    new KeptTexts.Text(2, KeptTexts.Kind.UNANSWERED, LocalDate.of(2025, 2, 3), "Hoe laat begint de kerstviering?",
                            List.of())), stats.keptTexts(), "old texts move over, oldest first, with IDs");
            assertFalse(s.claims().claim("slack:event:Ev1", Duration.ofMinutes(15)), "an old claim still holds");
            s.votes().vote(List.of("aurora/3.5"), Vote.UP, Optional.empty());
            s.keptTexts().unanswered("Waar is de kopieerruimte?");
            assertEquals(new Votes.PerArticle("aurora/3.5", 5, 1), TestStores.stats(s).votes().get(0));
            assertEquals(8, TestStores.stats(s).unanswered());
        }
    }

    static void execute(Database db, List<String> tables, List<String> rows) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            for (String sql : tables) {
                s.execute(sql);
            }
            for (String sql : rows) {
                s.execute(sql);
            }
        }
    }

    /** Flyway's history: "version state" per row, in order; a database that needed no baseline has no version 0. */
    static List<String> history(Database db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank")) {
            while (r.next()) {
                rows.add(r.getString(1) + (r.getBoolean(2) ? " success" : " failed"));
            }
        }
        return rows;
    }

    static Connection connect(Database db) throws SQLException {
        Properties p = new Properties();
        db.user().ifPresent(u -> p.setProperty("user", u));
        return DriverManager.getConnection(db.url(), p);
    }
}
