package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusException;
import nl.protocolbot.corpus.CorpusLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Links between the same rule in different protocols, and the example questions they carry over. */
class LinksTest {
    private static Corpus bundled;
    private static SearchEngine engine;

    @BeforeAll
    static void build() throws Exception {
        bundled = CorpusLoader.bundled();
        engine = SearchEngine.build(bundled);
    }

    private static boolean linked(SearchEngine e, String a, String b) {
        return e.links().stream().anyMatch(l -> l.first().id().equals(a) && l.second().id().equals(b)
                || l.first().id().equals(b) && l.second().id().equals(a));
    }

    @Test
    void theSameRuleInTwoProtocolsIsLinked() {
        // "Bij twijfel over een publicatie of over de raakvlakken met Konot / obs Bm Verkruisen zoeken medewerkers
        // contact hun leidinggevende": the same rule in two protocols
        assertTrue(linked(engine, "konot/9", "verkruisen/8"));
        // Konot's "niet in discussie met leerling of ouder" and a photo-consent rule are not the same rule
        assertFalse(linked(engine, "konot/4", "aurora/3.5"));
        // every link joins two protocols, and the bundled links.txt's "never" pair is not among them
        assertTrue(engine.links().stream().noneMatch(l -> l.first().protocol().equals(l.second().protocol())));
        assertFalse(linked(engine, "konot/9", "oog/situatie-1"));
    }

    @Test
    void aProtocolWithoutExamplesOfItsOwnAnswersFromTheOthersExamples() throws Exception {
        SearchEngine newcomer = SearchEngine.build(bundled.withoutExamplesOf("konot"));
        String question = "een moeder scheldt me uit in de klassenapp, mag ik daar op reageren?";
        List<Hit> hits = newcomer.search(question, 3, Optional.of("konot"));
        // Konot's text says "niet in discussie met leerling of ouder"; the question shares no word with it, but the
        // other protocols' examples of that rule do
        assertFalse(hits.isEmpty());
        assertEquals("konot/4", hits.get(0).article().id(), hits.toString());
    }

    @Test
    void linksTxtAddsAndRemovesLinksInOnePlace(@TempDir Path tmp) throws Exception {
        Path dir = copyOfTheBundledCorpus(tmp);
        Files.writeString(dir.resolve("links.txt"), "# corrections\nkonot/9 != verkruisen/8\n"
                + "konot/4 = aurora/3.5   # by hand\n");
        SearchEngine corrected = SearchEngine.build(CorpusLoader.load(dir));
        assertFalse(linked(corrected, "konot/9", "verkruisen/8"));
        assertTrue(linked(corrected, "konot/4", "aurora/3.5"));
        assertTrue(corrected.links("konot/4").stream().anyMatch(l -> l.byHand() && l.other("konot/4").id()
                .equals("aurora/3.5")));
    }

    @Test
    void checkRefusesABrokenLinksFileWithFileAndLine(@TempDir Path tmp) throws Exception {
        Path dir = copyOfTheBundledCorpus(tmp);
        Files.writeString(dir.resolve("links.txt"), "konot/9 = verkruisen/8\nkonot/99 = aurora/3.5\n"
                + "konot/4 = konot/9\nkonot/4 aurora/3.5\nverkruisen/8 != konot/9\n");
        CorpusException e = org.junit.jupiter.api.Assertions.assertThrows(CorpusException.class,
                () -> CorpusLoader.load(dir));
        List<String> problems = e.problems().stream().map(Object::toString).toList();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("links.txt:2") && problems.get(0).contains("onbekend artikel 'konot/99'"),
                problems.toString());
        assertTrue(problems.get(1).startsWith("links.txt:3") && problems.get(1).contains("hetzelfde protocol"));
        assertTrue(problems.get(2).startsWith("links.txt:4"));
        assertTrue(problems.get(3).startsWith("links.txt:5") && problems.get(3).contains("regel 1"));
    }

    private static Path copyOfTheBundledCorpus(Path tmp) throws Exception {
        return nl.protocolbot.TestCorpus.copy(tmp);
    }
}
