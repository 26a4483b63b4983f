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
}
