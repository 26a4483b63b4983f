package nl.protocolbot.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackStoreTest {
    @Test
    void countsVotesPerArticleDurably(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = FeedbackStore.openFolder(dir, false)) {
            s.vote(List.of("a/1", "b/2"), true);
            s.vote(List.of("a/1"), false);
            s.vote(List.of("a/1"), true);
        }
        try (FeedbackStore s = FeedbackStore.openFolder(dir, false)) {
            assertEquals(List.of(new FeedbackStore.Votes("a/1", 2, 1), new FeedbackStore.Votes("b/2", 1, 0)),
                    s.stats().votes());
        }
    }

    @Test
    void countsVotesPerDayAndUnansweredQuestionsPerWeek(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("t.db");
        java.time.Instant sunday = java.time.Instant.parse("2026-03-01T23:30:00Z");
        try (FeedbackStore s = FeedbackStore.open(url, false, java.time.Clock.fixed(sunday, java.time.ZoneOffset.UTC))) {
            s.vote(List.of("a/1", "b/2"), true);
            s.vote(List.of("a/1"), false);
            s.unanswered("x");
        }
        java.time.Instant tuesday = java.time.Instant.parse("2026-03-03T08:00:00Z");
        try (FeedbackStore s = FeedbackStore.open(url, false, java.time.Clock.fixed(tuesday, java.time.ZoneOffset.UTC))) {
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
    void keepsUnansweredTextOnlyWhenAskedTo(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = FeedbackStore.openFolder(dir, false)) {
            s.unanswered("Waar kan ik parkeren?");
            assertEquals(1, s.stats().unanswered());
            assertEquals(List.of(), s.stats().unansweredQuestions());
        }
        try (FeedbackStore s = FeedbackStore.openFolder(dir, true)) {
            s.unanswered("Hoe meld ik me ziek?");
            assertEquals(2, s.stats().unanswered());
            assertEquals(1, s.stats().unansweredQuestions().size());
            assertEquals(true, s.stats().unansweredQuestions().get(0).endsWith("Hoe meld ik me ziek?"));
        }
    }

    @Test
    void aClaimHoldsAcrossARestartUntilReleased(@TempDir Path dir) throws Exception {
        try (FeedbackStore s = FeedbackStore.openFolder(dir, false)) {
            assertEquals(true, s.claim("slack:event:Ev1", java.time.Duration.ofMinutes(15)));
            assertEquals(false, s.claim("slack:event:Ev1", java.time.Duration.ofMinutes(15)));
        }
        try (FeedbackStore s = FeedbackStore.openFolder(dir, false)) {
            assertEquals(false, s.claim("slack:event:Ev1", java.time.Duration.ofMinutes(15)));
            s.release("slack:event:Ev1");
            assertEquals(true, s.claim("slack:event:Ev1", java.time.Duration.ofMinutes(15)));
            assertEquals(true, s.claim("slack:event:Ev2", java.time.Duration.ZERO));
            assertEquals(true, s.claim("slack:event:Ev2", java.time.Duration.ofMinutes(15)), "an expired claim is free");
        }
    }
}
