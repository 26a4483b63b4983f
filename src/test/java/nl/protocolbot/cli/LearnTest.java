package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.Example;
import nl.protocolbot.search.SearchEngine;
import nl.protocolbot.corpus.LiveCorpus;
import nl.protocolbot.metrics.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code protocolbot learn}: a question becomes an example of an article, and a running server picks it up. */
class LearnTest {
    private static final String QUESTION = "mag ik de zwemles van mijn groep filmen voor het ouderportaal";

    @Test
    void learnAddsTheExampleAndTheLiveCorpusReloadsIt(@TempDir Path tmp) throws Exception {
        Path dir = copyOfTheBundledCorpus(tmp);
        try (LiveCorpus<Answerer> live = new LiveCorpus<>(Optional.of(dir),
                c -> new Answerer(SearchEngine.build(c)), Clock.systemUTC(), r -> { })) {
            live.load();
            String before = live.version().orElseThrow().fingerprint();
            MainTest.Run r = MainTest.withEnv(Map.of("PROTOCOLBOT_CORPUS", dir.toString()), "",
                    "learn", QUESTION, "aurora/3.5");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("Toegevoegd in examples/aurora.txt:"), r.out());
            assertTrue(live.reloadIfChanged(), "the live corpus sees the new example");
            assertFalse(before.equals(live.version().orElseThrow().fingerprint()));
            assertTrue(live.current().corpus().examples().contains(new Example("aurora/3.5", QUESTION,
                    r.out().substring("Toegevoegd in ".length(), r.out().indexOf(": aurora/3.5")))), r.out());
        }
        assertEquals(0, MainTest.run("check", dir.toString()).code());
    }

    /** Before teaching, the bot refused it: it sounds like the out-of-scope questions about money and events. */
    private static final String KERSTMUSICAL = "wat kost een kaartje voor de kerstmusical van de ouderraad?";

    @Test
    void aTaughtQuestionIsAnsweredWithItsArticleFirstAsTypedOrWithOneTypo(@TempDir Path tmp) throws Exception {
        Path dir = copyOfTheBundledCorpus(tmp);
        MainTest.Run before = MainTest.run("ask", "--corpus", dir.toString(), "--json", KERSTMUSICAL);
        assertTrue(before.out().contains("\"status\":\"nothing_found\""), before.out());
        assertEquals(0, MainTest.run("learn", "--corpus", dir.toString(), KERSTMUSICAL, "aurora/3.5").code());
        for (String asked : new String[] {KERSTMUSICAL, "Wat kost een kaartje voor de KERSTMUSICAL van de ouderraad",
                "wat kost een kaartje voor de kerstmuzical van de ouderraad?", "wat kost een kaartje voor de kerstmusical"
                + " van de ouderaad"}) {
            for (String[] org : new String[][] {{}, {"--org", "aurora"}}) {
                java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("ask", "--corpus",
                        dir.toString(), "--json"));
                args.addAll(java.util.List.of(org));
                args.add(asked);
                MainTest.Run r = MainTest.run(args.toArray(new String[0]));
                assertEquals(0, r.code(), r.err());
                com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject();
                assertEquals("aurora/3.5", o.getAsJsonArray("answers").get(0).getAsJsonObject().get("id")
                        .getAsString(), asked + " " + String.join(" ", org));
            }
        }
        // two typos, or another protocol asked: the search decides as before
        MainTest.Run konot = MainTest.run("ask", "--corpus", dir.toString(), "--json", "--org", "konot", KERSTMUSICAL);
        assertFalse(konot.out().contains("\"konot/"), konot.out());
    }

    @Test
    void learnRefusesUnknownIdsDuplicatesAndAMissingFolder(@TempDir Path tmp) throws Exception {
        Path dir = copyOfTheBundledCorpus(tmp);
        MainTest.Run unknown = MainTest.run("learn", "--corpus", dir.toString(), QUESTION, "aurora/99");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("aurora/99: onbekend artikel-ID"), unknown.err());
        assertEquals(0, MainTest.run("learn", "--corpus", dir.toString(), QUESTION, "aurora/3.5").code());
        MainTest.Run twice = MainTest.run("learn", "--corpus", dir.toString(), QUESTION.toUpperCase(), "aurora/3.5");
        assertEquals(1, twice.code());
        assertTrue(twice.err().contains("staat al als voorbeeld bij aurora/3.5"), twice.err());
        MainTest.Run nowhere = MainTest.run("learn", QUESTION, "aurora/3.5");
        assertEquals(2, nowhere.code());
        assertTrue(nowhere.err().contains("--corpus DIR of PROTOCOLBOT_CORPUS"), nowhere.err());
        assertFalse(nowhere.err().contains("\tat "), nowhere.err());
    }

    @Test
    void checkNamesEveryBrokenExampleLineAndCountsTheGoodOnes(@TempDir Path tmp) throws Exception {
        Path broken = copy("/fixtures/examples-broken", tmp.resolve("broken"));
        MainTest.Run bad = MainTest.run("check", broken.toString());
        assertEquals(1, bad.code());
        for (String problem : new String[] {"examples/demo.txt:3: regel is geen '<artikel-id>: <vraag>'",
            "examples/demo.txt:4: onbekend artikel 'demo/9'", "examples/demo.txt:5: lege vraag",
            "examples/demo.txt:6: dubbele vraag (ook in examples/demo.txt:2)",
            "out-of-scope.txt:3: staat ook als voorbeeld bij demo/1 (examples/demo.txt:2)"}) {
            assertTrue(bad.err().contains(problem), bad.err());
        }
        assertFalse(bad.err().contains("\tat "), bad.err());
        MainTest.Run ok = MainTest.run("check", copy("/fixtures/examples-ok", tmp.resolve("ok")).toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("4 voorbeeldvragen, 2 vragen buiten het protocol"), ok.out());
    }

    static Path copyOfTheBundledCorpus(Path tmp) throws Exception {
        return copy("/corpus", tmp.resolve("corpus"));
    }

    private static Path copy(String resource, Path to) throws Exception {
        return nl.protocolbot.TestCorpus.copyResource(resource, to);
    }
}
