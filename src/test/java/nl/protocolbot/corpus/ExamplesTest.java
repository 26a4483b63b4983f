package nl.protocolbot.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Example questions and out-of-scope questions: loading, validation with file and line, and {@code learn}. */
class ExamplesTest {

    @Test
    void examplesAndOutOfScopeQuestionsAreLoadedWithTheirSource(@TempDir Path tmp) throws Exception {
        Corpus c = CorpusLoader.load(fixture("examples-ok", tmp));
        assertEquals(List.of("mag ik een klassenfoto op instagram zetten", "Can I post a picture of my class?",
                        "een leerling wil me volgen op insta: mag dat?",
                        "kan ik een vriendschapsverzoek van een leerling accepteren"),
                c.examples().stream().map(Example::question).toList());
        assertEquals(List.of("demo/1", "demo/1", "demo/2", "demo/2"),
                c.examples().stream().map(Example::articleId).toList());
        assertEquals("examples/demo.txt:7", c.examples().get(3).source());
        assertEquals(List.of("hoe verander ik mijn profielfoto op linkedin", "waar kan ik mijn auto parkeren"),
                c.outOfScope());
    }

    @Test
    void everyBrokenLineIsReportedWithFileAndLine(@TempDir Path tmp) throws Exception {
        CorpusException e = assertThrows(CorpusException.class,
                () -> CorpusLoader.load(fixture("examples-broken", tmp)));
        assertEquals(List.of(
                "examples/demo.txt:3: regel is geen '<artikel-id>: <vraag>'",
                "examples/demo.txt:4: onbekend artikel 'demo/9'",
                "examples/demo.txt:5: lege vraag",
                "examples/demo.txt:6: dubbele vraag (ook in examples/demo.txt:2)",
                "out-of-scope.txt:2: dubbele vraag (ook in out-of-scope.txt:1)",
                "out-of-scope.txt:3: staat ook als voorbeeld bij demo/1 (examples/demo.txt:2)"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void theSameQuestionMayServeTwoArticles(@TempDir Path tmp) throws Exception {
        Path dir = fixture("examples-ok", tmp);
        append(dir.resolve("examples/demo.txt"), "demo/2: mag ik een klassenfoto op instagram zetten\n");
        assertEquals(5, CorpusLoader.load(dir).examples().size());
    }

    @Test
    void bundledCorpusHasExamplesForMostArticlesAndOutOfScopeQuestions() throws Exception {
        Corpus c = CorpusLoader.bundled();
        long articlesWithExamples = c.examples().stream().map(Example::articleId).distinct().count();
        assertTrue(articlesWithExamples > c.size() / 2, "articles with examples: " + articlesWithExamples);
        assertTrue(c.outOfScope().size() >= 20, "out-of-scope questions: " + c.outOfScope().size());
    }

    @Test
    void examplesChangeTheFingerprint(@TempDir Path tmp) throws Exception {
        Path dir = fixture("examples-ok", tmp);
        String before = CorpusLoader.load(dir).fingerprint();
        append(dir.resolve("examples/demo.txt"), "demo/2: mag ik een leerling volgen\n");
        assertFalse(before.equals(CorpusLoader.load(dir).fingerprint()));
    }

    @Test
    void learnAppendsTheQuestionAtomicallyAndTheResultLoads(@TempDir Path tmp) throws Exception {
        Path dir = fixture("examples-ok", tmp);
        Example added = CorpusLoader.learn(dir, "demo/2", "  mag ik mijn leerling\n volgen op TikTok ");
        assertEquals(new Example("demo/2", "mag ik mijn leerling volgen op TikTok", "examples/demo.txt:8"), added);
        Corpus c = CorpusLoader.load(dir);
        assertEquals(added, c.examples().get(c.examples().size() - 1));
        try (Stream<Path> files = Files.list(dir.resolve("examples"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void learnCreatesTheProtocolsFileWhenThereIsNone(@TempDir Path tmp) throws Exception {
        Path dir = fixture("examples-ok", tmp);
        Files.delete(dir.resolve("examples/demo.txt"));
        CorpusLoader.learn(dir, "demo/1", "mag ik een foto van de klas delen");
        Corpus c = CorpusLoader.load(dir);
        assertEquals(List.of(new Example("demo/1", "mag ik een foto van de klas delen", "examples/demo.txt:4")),
                c.examples());
    }

    @Test
    void learnRefusesUnknownArticlesDuplicatesAndEmptyQuestions(@TempDir Path tmp) throws Exception {
        Path dir = fixture("examples-ok", tmp);
        String before = Files.readString(dir.resolve("examples/demo.txt"));
        assertEquals("demo/9: onbekend artikel-ID",
                assertThrows(CorpusException.class, () -> CorpusLoader.learn(dir, "demo/9", "iets")).getMessage());
        assertEquals("examples/demo.txt:3: deze vraag staat al als voorbeeld bij demo/1",
                assertThrows(CorpusException.class, () -> CorpusLoader.learn(dir, "demo/1",
                        "Mag ik een klassenfoto op  Instagram zetten")).getMessage());
        assertEquals("vraag: lege vraag",
                assertThrows(CorpusException.class, () -> CorpusLoader.learn(dir, "demo/1", " \n ")).getMessage());
        assertEquals("out-of-scope.txt: deze vraag staat bij de vragen buiten het protocol",
                assertThrows(CorpusException.class, () -> CorpusLoader.learn(dir, "demo/1",
                        "waar kan ik mijn auto parkeren")).getMessage());
        assertEquals(before, Files.readString(dir.resolve("examples/demo.txt")), "nothing written");
    }

    @Test
    void learnRefusesABrokenFolder(@TempDir Path tmp) throws Exception {
        Path dir = fixture("examples-broken", tmp);
        assertThrows(CorpusException.class, () -> CorpusLoader.learn(dir, "demo/1", "een nieuwe vraag"));
    }

    /** A copy of a fixture corpus folder under src/test/resources/fixtures, safe to change. */
    static Path fixture(String name, Path tmp) throws Exception {
        return nl.protocolbot.TestCorpus.copyResource("/fixtures/" + name, tmp.resolve(name));
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8) + text, StandardCharsets.UTF_8);
    }
}
