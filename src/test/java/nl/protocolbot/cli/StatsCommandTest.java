package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.feedback.QuestionTexts;
import nl.protocolbot.feedback.Vote;
import nl.protocolbot.feedback.TestPostgres;
import nl.protocolbot.feedback.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code protocolbot stats}: votes, the unanswered count, and the kept question texts only when asked for. */
@ExtendWith(TestPostgres.class)
class StatsCommandTest {
    static void fill(Database db) throws Exception {
        try (FeedbackStore s = FeedbackStore.open(db, QuestionTexts.KEEP)) {
            s.keptTexts().unanswered("Hoe laat begint de kerstviering?");
            s.votes().vote(List.of("aurora/3.5", "scoh/11tal-8"), Vote.DOWN, Optional.of("mag ik de schoolreis filmen?"));
            s.votes().vote(List.of("aurora/3.5"), Vote.UP, Optional.empty());
            s.keptTexts().unanswered("Waar kan ik parkeren?");
        }
    }

    @Test
    void aFreshInstallPrintsAnEmptyTableAndCreatesNoDatabase(@TempDir Path dir) {
        MainTest.Run r = MainTest.withEnv(Map.of("PROTOCOLBOT_DATA", dir.resolve("data").toString()), "", "stats");
        assertEquals(0, r.code(), r.err());
        assertEquals("Stemmen per artikel (👍 / 👎):\n  (nog geen)\nVragen zonder antwoord: 0\n", r.out());
        assertFalse(Files.exists(dir.resolve("data")));
    }

    @Test
    void keptTextsAreListedOnlyWithKeepUnansweredTrue(@TempDir Path dir) throws Exception {
        fill(Database.inFolder(dir));
        MainTest.Run hidden = MainTest.withEnv(Map.of("PROTOCOLBOT_DATA", dir.toString()), "", "stats");
        assertEquals(0, hidden.code(), hidden.err());
        assertFalse(hidden.out().contains("kerstviering") || hidden.out().contains("schoolreis"), hidden.out());
        assertTrue(hidden.out().contains("Bewaarde vraagteksten: 3 (zet PROTOCOLBOT_KEEP_UNANSWERED=true"), hidden.out());

        MainTest.Run shown = MainTest.withEnv(Map.of("PROTOCOLBOT_DATA", dir.toString(),
                "PROTOCOLBOT_KEEP_UNANSWERED", "true"), "", "stats");
        assertEquals(0, shown.code(), shown.err());
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertTrue(shown.out().contains("Vragen zonder antwoord: 2\n"
                + "Bewaarde vragen zonder antwoord:\n"
                + "      1  " + today + "  Hoe laat begint de kerstviering?\n"
                + "      3  " + today + "  Waar kan ik parkeren?\n"
                + "Bewaarde vragen met een 👎 op het antwoord (met de artikelen):\n"
                + "      2  " + today + "  mag ik de schoolreis filmen?  [aurora/3.5, scoh/11tal-8]\n"), shown.out());
        assertTrue(shown.out().contains("  aurora/3.5                       1      1"), shown.out());
    }

    @Test
    void deleteRemovesOneKeptTextByItsNumber(@TempDir Path dir) throws Exception {
        fill(Database.inFolder(dir));
        Map<String, String> env = Map.of("PROTOCOLBOT_DATA", dir.toString(), "PROTOCOLBOT_KEEP_UNANSWERED", "true");
        MainTest.Run r = MainTest.withEnv(env, "", "stats", "--delete", "2", "--delete", "42");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Vraagtekst 2 gewist.\nGeen vraagtekst met nummer 42.\n"), r.out());
        assertFalse(r.out().contains("schoolreis"), r.out());
        assertTrue(r.out().contains("kerstviering") && r.out().contains("parkeren"), r.out());
        assertTrue(r.out().contains("Bewaarde vragen met een 👎 op het antwoord (met de artikelen):\n  (geen)\n"), r.out());
    }

    @Test
    void statsReadsTheSharedPostgresDatabase(TestPostgres.Db pg) throws Exception {
        fill(pg.database());
        MainTest.Run r = MainTest.withEnv(Map.of("PROTOCOLBOT_DATABASE_URL", pg.url(),
                "PROTOCOLBOT_DATABASE_USER", "postgres", "PROTOCOLBOT_KEEP_UNANSWERED", "true"), "", "stats");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("  aurora/3.5                       1      1\n"
                + "  scoh/11tal-8                     0      1\n"
                + "Vragen zonder antwoord: 2\n"), r.out());
        assertTrue(r.out().contains("mag ik de schoolreis filmen?  [aurora/3.5, scoh/11tal-8]"), r.out());
    }

    @Test
    void anUnreachableDatabaseIsOneLineWithoutThePassword() {
        MainTest.Run r = MainTest.withEnv(Map.of("PROTOCOLBOT_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/protocolbot",
                "PROTOCOLBOT_DATABASE_USER", "bot", "PROTOCOLBOT_DATABASE_PASSWORD", "Geheim-Wachtwoord-42"), "", "stats");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("protocolbot: database jdbc:postgresql://127.0.0.1:1/protocolbot is niet bereikbaar: "),
                r.err());
        assertFalse(r.err().contains("Geheim-Wachtwoord-42"), r.err());
    }
}
