package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval --summary} keeps a measurement set's questions out of the output; {@code --min-rejection} gates. */
class EvalCommandTest {

    @Test
    void summaryPrintsTheFiguresButNoQuestion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.jsonl");
        Files.writeString(file, "{\"q\": \"mag ik vloeken in een tweet\", \"expect\": [\"iets dat er niet staat\"]}\n");
        MainTest.Run r = MainTest.run("eval", "--summary", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Hit@3 0.000"), r.out());
        assertFalse(r.out().contains("vloeken"), r.out());
        assertFalse(r.out().contains("miss"), r.out());
    }

    @Test
    void minRejectionFailsWhenAnOffTopicQuestionGetsAnArticle(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.jsonl");
        Files.writeString(file, "{\"q\": \"mag ik vloeken in een tweet\", \"expect\": []}\n"
                + "{\"q\": \"Waar kan ik mijn auto parkeren?\", \"expect\": []}\n");
        MainTest.Run r = MainTest.run("eval", "--summary", "--min-rejection", "0.9", file.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("off-topic rejection 0.500 is below --min-rejection 0.900"), r.out());
        assertEquals(0, MainTest.run("eval", "--min-rejection", "0.5", file.toString()).code());
    }

    @Test
    void perProtocolCountsAQuestionOnlyForTheProtocolsThatAnswerItAndGatesTheWeakest(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("q.jsonl");
        // the phrase is Konot's text alone ("Medewerkers van Konot publiceren geen vertrouwelijke informatie")
        Files.writeString(file, "{\"q\": \"mag ik vertrouwelijke informatie op social media zetten\", \"expect\": "
                + "[\"Konot publiceren geen vertrouwelijke informatie\"]}\n"
                + "{\"q\": \"Waar kan ik mijn auto parkeren?\", \"expect\": []}\n");
        MainTest.Run r = MainTest.run("eval", "--per-protocol", "--summary", "--min-hit3", "0.5", file.toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().matches("(?s).*\\n  konot +1 +1\\.000 +1\\.000 +1\\.000  1/1\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\n  aurora +0 .*  1/1\\n.*"), "no question of Aurora's: " + r.out());
        assertFalse(r.out().contains("vertrouwelijke"), "--summary prints no question");
        assertTrue(r.out().contains("weakest: konot (Hit@3 1.000)"), "protocols without questions are not measured: "
                + r.out());
        // a question only Aurora's photo rule answers, put so that no article is found: Aurora is the weakest
        Files.writeString(file, "{\"q\": \"Waar kan ik mijn auto parkeren?\", \"expect\": "
                + "[\"schriftelijke toestemming aan medewerkers, ouders\"]}\n", java.nio.file.StandardOpenOption.APPEND);
        MainTest.Run gated = MainTest.run("eval", "--per-protocol", "--summary", "--min-weakest-hit3", "0.5",
                file.toString());
        assertEquals(1, gated.code(), gated.out());
        assertTrue(gated.out().contains("weakest: aurora (Hit@3 0.000)"), gated.out());
        assertTrue(gated.out().contains("weakest Hit@3 0.000 is below the minimum 0.500"), gated.out());
    }

    @Test
    void leaveOutBuildsEachProtocolWithoutItsOwnExamples(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.jsonl");
        Files.writeString(file, "{\"q\": \"mag ik vertrouwelijke informatie op social media zetten\", \"expect\": "
                + "[\"Konot publiceren geen vertrouwelijke informatie\"]}\n");
        MainTest.Run r = MainTest.run("eval", "--leave-out", "--org", "konot", "--summary", file.toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("each without its own example questions (a new board)"), r.out());
        assertTrue(r.out().matches("(?s).*\\n  konot +1 .*"), r.out());
        assertFalse(r.out().contains("aurora"), "--org limits the run to one protocol: " + r.out());
    }
}
