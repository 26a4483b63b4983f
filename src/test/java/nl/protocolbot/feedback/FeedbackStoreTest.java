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
