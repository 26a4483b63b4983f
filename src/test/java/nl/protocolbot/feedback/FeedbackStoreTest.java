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
import nl.protocolbot.feedback.FeedbackStore.KeptText;
import nl.protocolbot.feedback.FeedbackStore.QuestionTexts;
import nl.protocolbot.feedback.FeedbackStore.TextKind;
import nl.protocolbot.feedback.FeedbackStore.Vote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on its default database, an SQLite file. */
class FeedbackStoreTest {
    static final Clock DAY = Clock.fixed(Instant.parse("2025-03-14T10:00:00Z"), ZoneOffset.UTC);

    static FeedbackStore keeping(Path dir) throws Exception {
        return FeedbackStore.builder(FeedbackStore.Database.inFolder(dir)).questionTexts(QuestionTexts.KEEP)
                .clock(DAY).open();
    }

    @Test
    void aVoteOnceCountsOncePerKeyTheClaimAndTheCountTogether(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = keeping(dir)) {
            assertTrue(s.voteOnce("vote:k", Duration.ofMinutes(15), List.of("a/1", "b/2"), Vote.DOWN,
                    Optional.of("mag dit?")));
            assertFalse(s.voteOnce("vote:k", Duration.ofMinutes(15), List.of("a/1", "b/2"), Vote.DOWN,
                    Optional.of("mag dit?")), "the same person on the same answer again");
            assertTrue(s.voteOnce("vote:other", Duration.ofMinutes(15), List.of("a/1"), Vote.UP, Optional.empty()));
            assertEquals(List.of(new FeedbackStore.Votes("a/1", 1, 1), new FeedbackStore.Votes("b/2", 0, 1)),
                    s.stats().votes());
            assertEquals(1, s.keptTexts().size(), "the 👎's text kept once");
            assertFalse(s.claim("vote:k", Duration.ofMinutes(15)), "the key is held");
        }
    }

    @Test
    void aVoteThatCannotBeCountedLeavesItsKeyFree(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = keeping(dir)) {
            s.vote(List.of("a/1"), true);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + onlyDatabase(dir));
                 Statement st = c.createStatement()) {
                st.execute("DROP TABLE vote_days"); // the count fails after the claim, in the same transaction
            }
            assertThrows(java.sql.SQLException.class, () -> s.voteOnce("vote:k", Duration.ofMinutes(15),
                    List.of("a/1"), Vote.UP, Optional.empty()));
            assertTrue(s.claim("vote:k", Duration.ofMinutes(15)), "nothing was claimed: a retry may count");
            assertEquals(List.of(new FeedbackStore.Votes("a/1", 1, 0)), s.stats().votes(), "nothing was counted");
        }
    }

    private static Path onlyDatabase(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".db")).findFirst().orElseThrow();
        }
    }

    @Test
    void countsVotesPerArticleDurably(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = FeedbackStore.openFolder(dir, false)) {
            s.vote(List.of("a/1", "b/2"), true);
            s.vote(List.of("a/1"), false);
            s.vote(List.of("a/1"), Vote.UP, Optional.empty());
        }
        try (FeedbackStore s = FeedbackStore.openFolder(dir, false)) {
            assertEquals(List.of(new FeedbackStore.Votes("a/1", 2, 1), new FeedbackStore.Votes("b/2", 1, 0)),
                    s.stats().votes());
        }
    }

    @Test
    void countsVotesPerDayAndUnansweredQuestionsPerWeek(@TempDir Path dir) throws Exception {
        FeedbackStore.Database db = new FeedbackStore.Database("jdbc:sqlite:" + dir.resolve("t.db"),
                java.util.Optional.empty(), java.util.Optional.empty());
        java.time.Instant sunday = java.time.Instant.parse("2026-03-01T23:30:00Z");
        try (FeedbackStore s = FeedbackStore.builder(db).clock(java.time.Clock.fixed(sunday, java.time.ZoneOffset.UTC))
                .open()) {
            s.vote(List.of("a/1", "b/2"), true);
            s.vote(List.of("a/1"), false);
            s.unanswered("x");
        }
        java.time.Instant tuesday = java.time.Instant.parse("2026-03-03T08:00:00Z");
        try (FeedbackStore s = FeedbackStore.builder(db).clock(java.time.Clock.fixed(tuesday, java.time.ZoneOffset.UTC))
                .open()) {
            s.vote(List.of("a/1"), false);
            s.unanswered("y");
            s.unanswered("z");
            java.time.LocalDate march1 = java.time.LocalDate.of(2026, 3, 1);
            assertEquals(List.of(new FeedbackStore.DayVotes(march1, 1, 1),
                    new FeedbackStore.DayVotes(java.time.LocalDate.of(2026, 3, 3), 0, 1)), s.votesPerDay(march1));
            assertEquals(List.of(new FeedbackStore.DayVotes(java.time.LocalDate.of(2026, 3, 3), 0, 1)),
                    s.votesPerDay(java.time.LocalDate.of(2026, 3, 2)));
            assertEquals(List.of(new FeedbackStore.WeekCount(java.time.LocalDate.of(2026, 2, 23), 1),
                    new FeedbackStore.WeekCount(java.time.LocalDate.of(2026, 3, 2), 2)), s.unansweredPerWeek(march1));
            assertEquals(3, s.stats().unanswered());
        }
    }

    @Test
    void theSqliteFileIsInWriteAheadLogMode(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = FeedbackStore.openFolder(dir, false)) {
            s.vote(List.of("a/1"), true);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("protocolbot.db"));
                 Statement st = c.createStatement(); ResultSet r = st.executeQuery("PRAGMA journal_mode")) {
                r.next();
                assertEquals("wal", r.getString(1));
            }
        }
    }

    @Test
    void keepsUnansweredTextOnlyWhenAskedTo(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = FeedbackStore.openFolder(dir, false)) {
            s.unanswered("Waar kan ik parkeren?");
            assertEquals(1, s.stats().unanswered());
            assertEquals(List.of(), s.stats().keptTexts());
        }
        try (FeedbackStore s = keeping(dir)) {
            s.unanswered("  Hoe meld ik me ziek?  ");
            s.unanswered("   ");
            assertEquals(3, s.stats().unanswered());
            assertEquals(List.of(new KeptText(1, TextKind.UNANSWERED, LocalDate.of(2025, 3, 14),
                    "Hoe meld ik me ziek?", List.of())), s.stats().keptTexts());
        }
    }

    @Test
    void aThumbsDownKeepsTheQuestionWithTheArticlesOnlyWhenKeeping(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = FeedbackStore.openFolder(dir, false)) {
            s.vote(List.of("aurora/3.5"), Vote.DOWN, Optional.of("mag ik de schoolreis filmen?"));
            assertEquals(List.of(), s.keptTexts(), "not kept when keeping is off");
        }
        try (FeedbackStore s = keeping(dir)) {
            s.vote(List.of("scoh/11tal-8", "aurora/3.5"), Vote.DOWN, Optional.of("mag ik de schoolreis filmen?"));
            s.vote(List.of("aurora/3.5"), Vote.UP, Optional.of("mag ik een foto van de klas posten?"));
            s.vote(List.of("aurora/3.5"), Vote.DOWN, Optional.empty());
            assertEquals(List.of(new KeptText(1, TextKind.VOTED_DOWN, LocalDate.of(2025, 3, 14),
                    "mag ik de schoolreis filmen?", List.of("aurora/3.5", "scoh/11tal-8"))), s.keptTexts(),
                    "only a 👎 with a text keeps one");
            assertEquals(List.of(new FeedbackStore.Votes("aurora/3.5", 1, 3), new FeedbackStore.Votes("scoh/11tal-8", 0, 1)),
                    s.stats().votes());
        }
    }

    @Test
    void keptTextsAreListedByIdAndDeletedById(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = keeping(dir)) {
            s.unanswered("Wanneer is de studiedag?");
            s.vote(List.of("oog/5"), Vote.DOWN, Optional.of("mag ik memes over de directie delen?"));
            s.unanswered("Hoe werkt de printer?");
            assertEquals(List.of(1L, 2L, 3L), s.keptTexts().stream().map(KeptText::id).toList());
            assertTrue(s.deleteKeptText(2));
            assertFalse(s.deleteKeptText(2), "already gone");
            assertFalse(s.deleteKeptText(99));
            s.unanswered("Waar staat de koffieautomaat?");
            assertEquals(List.of("Wanneer is de studiedag?", "Hoe werkt de printer?", "Waar staat de koffieautomaat?"),
                    s.keptTexts().stream().map(KeptText::question).toList());
            assertEquals(List.of(1L, 3L, 4L), s.keptTexts().stream().map(KeptText::id).toList(),
                    "an ID is never given out twice");
            assertEquals(3, s.stats().unanswered(), "deleting a text keeps the count");
        }
    }

    @Test
    void aKeptTextIsCutAt500Characters(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = keeping(dir)) {
            s.unanswered("😀".repeat(300) + "x".repeat(300));
            String kept = s.keptTexts().get(0).question();
            assertEquals(500, kept.codePointCount(0, kept.length()));
            assertEquals("😀".repeat(300) + "x".repeat(200), kept);
        }
    }

    @Test
    void aClaimHoldsAcrossARestartUntilReleased(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = FeedbackStore.openFolder(dir, false)) {
            assertEquals(true, s.claim("slack:event:Ev1", Duration.ofMinutes(15)));
            assertEquals(false, s.claim("slack:event:Ev1", Duration.ofMinutes(15)));
        }
        try (FeedbackStore s = FeedbackStore.openFolder(dir, false)) {
            assertEquals(false, s.claim("slack:event:Ev1", Duration.ofMinutes(15)));
            s.release("slack:event:Ev1");
            assertEquals(true, s.claim("slack:event:Ev1", Duration.ofMinutes(15)));
            assertEquals(true, s.claim("slack:event:Ev2", Duration.ZERO));
            assertEquals(true, s.claim("slack:event:Ev2", Duration.ofMinutes(15)), "an expired claim is free");
            assertEquals(false, s.claim("slack:event:Ev2", Duration.ofMinutes(15)));
        }
    }

    @Test
    void aClaimExpiresAfterItsTimeAndExpiredClaimsArePurged(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-14T10:00:00Z"));
        try (FeedbackStore s = FeedbackStore.builder(FeedbackStore.Database.inFolder(dir)).clock(clock).open()) {
            assertTrue(s.claim("sig:a", Duration.ofMinutes(5)));
            assertTrue(s.claim("event:b", Duration.ofHours(2)));
            clock.now = clock.now.plus(Duration.ofMinutes(5)).minusMillis(1);
            assertFalse(s.claim("sig:a", Duration.ofMinutes(5)), "still held 1 ms before it expires");
            clock.now = clock.now.plus(Duration.ofHours(1));
            assertTrue(s.claim("sig:c", Duration.ofMinutes(5)), "a claim an hour later purges expired keys");
            assertEquals(List.of("event:b", "sig:c"), seenKeys(dir), "sig:a was purged, event:b still held");
            assertTrue(s.claim("sig:a", Duration.ofMinutes(5)));
        }
    }

    @Test
    void oneOfManyThreadsClaimingAKeyAtOnceGetsIt(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = FeedbackStore.openFolder(dir, false)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (int key = 0; key < 20; key++) {
                    String k = "event:" + key;
                    List<Callable<Boolean>> claims = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        claims.add(() -> s.claim(k, Duration.ofMinutes(15)));
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
                () -> FeedbackStore.openFolder(file.resolve("data"), false));
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
