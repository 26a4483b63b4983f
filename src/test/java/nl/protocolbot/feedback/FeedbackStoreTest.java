package nl.protocolbot.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on its default database, an SQLite file. */
class FeedbackStoreTest {
    static final Clock DAY = Clock.fixed(Instant.parse("2025-03-14T10:00:00Z"), ZoneOffset.UTC);

    static FeedbackStore keeping(Path dir) throws Exception {
        return TestStores.open(Database.inFolder(dir), QuestionTexts.KEEP, DAY);
    }

    @Test
    void aVoteOnceCountsOncePerKeyTheClaimAndTheCountTogether(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = keeping(dir)) {
            assertTrue(s.votes().voteOnce("vote:k", Duration.ofMinutes(15), List.of("a/1", "b/2"), Vote.DOWN,
                    Optional.of("mag dit?")));
            assertFalse(s.votes().voteOnce("vote:k", Duration.ofMinutes(15), List.of("a/1", "b/2"), Vote.DOWN,
                    Optional.of("mag dit?")), "the same person on the same answer again");
            assertTrue(s.votes().voteOnce("vote:other", Duration.ofMinutes(15), List.of("a/1"), Vote.UP,
                    Optional.empty()));
            assertEquals(List.of(new Votes.PerArticle("a/1", 1, 1), new Votes.PerArticle("b/2", 0, 1)),
                    TestStores.stats(s).votes());
            assertEquals(1, s.keptTexts().all().size(), "the 👎's text kept once");
            assertFalse(s.claims().claim("vote:k", Duration.ofMinutes(15)), "the key is held");
        }
    }

    @Test
    void aVoteThatCannotBeCountedLeavesItsKeyFree(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = keeping(dir)) {
            s.votes().vote(List.of("a/1"), Vote.UP, Optional.empty());
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + onlyDatabase(dir));
                 Statement st = c.createStatement()) {
                st.execute("DROP TABLE vote_days"); // the count fails after the claim, in the same transaction
            }
            assertThrows(java.sql.SQLException.class, () -> s.votes().voteOnce("vote:k", Duration.ofMinutes(15),
                    List.of("a/1"), Vote.UP, Optional.empty()));
            assertTrue(s.claims().claim("vote:k", Duration.ofMinutes(15)), "nothing was claimed: a retry may count");
            assertEquals(List.of(new Votes.PerArticle("a/1", 1, 0)), TestStores.stats(s).votes(),
                    "nothing was counted");
        }
    }

    private static Path onlyDatabase(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".db")).findFirst().orElseThrow();
        }
    }

    @Test
    void countsVotesPerArticleDurably(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = TestStores.openFolder(dir, false)) {
            s.votes().vote(List.of("a/1", "b/2"), Vote.UP, Optional.empty());
            s.votes().vote(List.of("a/1"), Vote.DOWN, Optional.empty());
            s.votes().vote(List.of("a/1"), Vote.UP, Optional.empty());
        }
        try (FeedbackStore s = TestStores.openFolder(dir, false)) {
            assertEquals(List.of(new Votes.PerArticle("a/1", 2, 1), new Votes.PerArticle("b/2", 1, 0)),
                    TestStores.stats(s).votes());
        }
    }

    @Test
    void countsVotesPerDayAndUnansweredQuestionsPerWeek(@TempDir Path dir) throws Exception {
        Database db = new Database("jdbc:sqlite:" + dir.resolve("t.db"),
                java.util.Optional.empty(), java.util.Optional.empty());
        java.time.Instant sunday = java.time.Instant.parse("2026-03-01T23:30:00Z");
        try (FeedbackStore s = TestStores.open(db, QuestionTexts.DISCARD,
                java.time.Clock.fixed(sunday, java.time.ZoneOffset.UTC))) {
            s.votes().vote(List.of("a/1", "b/2"), Vote.UP, Optional.empty());
            s.votes().vote(List.of("a/1"), Vote.DOWN, Optional.empty());
            s.keptTexts().unanswered("x");
        }
        java.time.Instant tuesday = java.time.Instant.parse("2026-03-03T08:00:00Z");
        try (FeedbackStore s = TestStores.open(db, QuestionTexts.DISCARD,
                java.time.Clock.fixed(tuesday, java.time.ZoneOffset.UTC))) {
            s.votes().vote(List.of("a/1"), Vote.DOWN, Optional.empty());
            s.keptTexts().unanswered("y");
            s.keptTexts().unanswered("z");
            java.time.LocalDate march1 = java.time.LocalDate.of(2026, 3, 1);
            assertEquals(List.of(new Votes.PerDay(march1, 1, 1),
                    new Votes.PerDay(java.time.LocalDate.of(2026, 3, 3), 0, 1)), s.votes().perDay(march1));
            assertEquals(List.of(new Votes.PerDay(java.time.LocalDate.of(2026, 3, 3), 0, 1)),
                    s.votes().perDay(java.time.LocalDate.of(2026, 3, 2)));
            assertEquals(List.of(new KeptTexts.PerWeek(java.time.LocalDate.of(2026, 2, 23), 1),
                    new KeptTexts.PerWeek(java.time.LocalDate.of(2026, 3, 2), 2)),
                    s.keptTexts().unansweredPerWeek(march1));
            assertEquals(3, TestStores.stats(s).unanswered());
        }
    }

    @Test
    void theSqliteFileIsInWriteAheadLogMode(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = TestStores.openFolder(dir, false)) {
            s.votes().vote(List.of("a/1"), Vote.UP, Optional.empty());
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("protocolbot.db"));
                 Statement st = c.createStatement(); ResultSet r = st.executeQuery("PRAGMA journal_mode")) {
                r.next();
                assertEquals("wal", r.getString(1));
            }
        }
    }

    @Test
    void keepsUnansweredTextOnlyWhenAskedTo(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = TestStores.openFolder(dir, false)) {
            s.keptTexts().unanswered("Waar kan ik parkeren?");
            assertEquals(1, TestStores.stats(s).unanswered());
            assertEquals(List.of(), TestStores.stats(s).keptTexts());
        }
        try (FeedbackStore s = keeping(dir)) {
            s.keptTexts().unanswered("  Hoe meld ik me ziek?  ");
            s.keptTexts().unanswered("   ");
            assertEquals(3, TestStores.stats(s).unanswered());
            assertEquals(List.of(new KeptTexts.Text(1, KeptTexts.Kind.UNANSWERED, LocalDate.of(2025, 3, 14),
                    "Hoe meld ik me ziek?", List.of())), TestStores.stats(s).keptTexts());
        }
    }

    @Test
    void aThumbsDownKeepsTheQuestionWithTheArticlesOnlyWhenKeeping(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = TestStores.openFolder(dir, false)) {
            s.votes().vote(List.of("aurora/3.5"), Vote.DOWN, Optional.of("mag ik de schoolreis filmen?"));
            assertEquals(List.of(), s.keptTexts().all(), "not kept when keeping is off");
        }
        try (FeedbackStore s = keeping(dir)) {
            s.votes().vote(List.of("scoh/11tal-8", "aurora/3.5"), Vote.DOWN, Optional.of("mag ik de schoolreis filmen?"));
            s.votes().vote(List.of("aurora/3.5"), Vote.UP, Optional.of("mag ik een foto van de klas posten?"));
            s.votes().vote(List.of("aurora/3.5"), Vote.DOWN, Optional.empty());
            assertEquals(List.of(new KeptTexts.Text(1, KeptTexts.Kind.VOTED_DOWN, LocalDate.of(2025, 3, 14),
                    "mag ik de schoolreis filmen?", List.of("aurora/3.5", "scoh/11tal-8"))), s.keptTexts().all(),
                    "only a 👎 with a text keeps one");
            assertEquals(List.of(new Votes.PerArticle("aurora/3.5", 1, 3), new Votes.PerArticle("scoh/11tal-8", 0, 1)),
                    TestStores.stats(s).votes());
        }
    }

    @Test
    void keptTextsAreListedByIdAndDeletedById(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = keeping(dir)) {
            s.keptTexts().unanswered("Wanneer is de studiedag?");
            s.votes().vote(List.of("oog/5"), Vote.DOWN, Optional.of("mag ik memes over de directie delen?"));
            s.keptTexts().unanswered("Hoe werkt de printer?");
            assertEquals(List.of(1L, 2L, 3L), s.keptTexts().all().stream().map(KeptTexts.Text::id).toList());
            assertTrue(s.keptTexts().delete(2));
            assertFalse(s.keptTexts().delete(2), "already gone");
            assertFalse(s.keptTexts().delete(99));
            s.keptTexts().unanswered("Waar staat de koffieautomaat?");
            assertEquals(List.of("Wanneer is de studiedag?", "Hoe werkt de printer?", "Waar staat de koffieautomaat?"),
                    s.keptTexts().all().stream().map(KeptTexts.Text::question).toList());
            assertEquals(List.of(1L, 3L, 4L), s.keptTexts().all().stream().map(KeptTexts.Text::id).toList(),
                    "an ID is never given out twice");
            assertEquals(3, TestStores.stats(s).unanswered(), "deleting a text keeps the count");
        }
    }

    @Test
    void aKeptTextIsCutAt500Characters(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = keeping(dir)) {
            s.keptTexts().unanswered("😀".repeat(300) + "x".repeat(300));
            String kept = s.keptTexts().all().get(0).question();
            assertEquals(500, kept.codePointCount(0, kept.length()));
            assertEquals("😀".repeat(300) + "x".repeat(200), kept);
        }
    }

    @Test
    void aClaimHoldsAcrossARestartUntilReleased(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = TestStores.openFolder(dir, false)) {
            assertEquals(true, s.claims().claim("slack:event:Ev1", Duration.ofMinutes(15)));
            assertEquals(false, s.claims().claim("slack:event:Ev1", Duration.ofMinutes(15)));
        }
        try (FeedbackStore s = TestStores.openFolder(dir, false)) {
            assertEquals(false, s.claims().claim("slack:event:Ev1", Duration.ofMinutes(15)));
            s.claims().release("slack:event:Ev1");
            assertEquals(true, s.claims().claim("slack:event:Ev1", Duration.ofMinutes(15)));
            assertEquals(true, s.claims().claim("slack:event:Ev2", Duration.ZERO));
            assertEquals(true, s.claims().claim("slack:event:Ev2", Duration.ofMinutes(15)), "an expired claim is free");
            assertEquals(false, s.claims().claim("slack:event:Ev2", Duration.ofMinutes(15)));
        }
    }

    @Test
    void aClaimExpiresAfterItsTimeAndExpiredClaimsArePurged(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-14T10:00:00Z"));
        try (FeedbackStore s = TestStores.open(Database.inFolder(dir), QuestionTexts.DISCARD, clock)) {
            assertTrue(s.claims().claim("sig:a", Duration.ofMinutes(5)));
            assertTrue(s.claims().claim("event:b", Duration.ofHours(2)));
            clock.now = clock.now.plus(Duration.ofMinutes(5)).minusMillis(1);
            assertFalse(s.claims().claim("sig:a", Duration.ofMinutes(5)), "still held 1 ms before it expires");
            clock.now = clock.now.plus(Duration.ofHours(1));
            assertTrue(s.claims().claim("sig:c", Duration.ofMinutes(5)), "a claim an hour later purges expired keys");
            assertEquals(List.of("event:b", "sig:c"), seenKeys(dir), "sig:a was purged, event:b still held");
            assertTrue(s.claims().claim("sig:a", Duration.ofMinutes(5)));
        }
    }

    @Test
    void oneOfManyThreadsClaimingAKeyAtOnceGetsIt(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = TestStores.openFolder(dir, false)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (int key = 0; key < 20; key++) {
                    String k = "event:" + key;
                    List<Callable<Boolean>> claims = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        claims.add(() -> s.claims().claim(k, Duration.ofMinutes(15)));
                    }
                    long won = 0;
                    for (Future<Boolean> f : pool.invokeAll(claims)) {
                        won += f.get() ? 1 : 0;
                    }
                    assertEquals(1, won, k);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aFolderThatCannotBeMadeIsOneLineWithoutStackTrace(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        FeedbackStore.Unavailable e = assertThrows(FeedbackStore.Unavailable.class,
                () -> TestStores.openFolder(file.resolve("data"), false));
        assertTrue(e.getMessage().startsWith("database jdbc:sqlite:" + file.resolve("data")), e.getMessage());
        assertTrue(e.getMessage().contains("niet bereikbaar"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    static List<String> seenKeys(Path dir) throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("protocolbot.db"));
             Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT seen_key FROM seen ORDER BY seen_key")) {
            while (r.next()) {
                keys.add(r.getString(1));
            }
        }
        return keys;
    }

    /** A clock a test moves by hand. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
