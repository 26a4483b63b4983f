package nl.protocolbot.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.search.SearchEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Honest no-answers per protocol: the protocol in use is silent, another board's protocol has the rule. */
class AnswererTest {
    @TempDir
    static Path dir;
    private static final List<String> unanswered = new ArrayList<>();
    private static Answerer beta;
    private static Answerer all;

    @BeforeAll
    static void corpus() throws Exception {
        Files.writeString(dir.resolve("alpha.md"), """
                ---
                protocol: alpha
                organisation: Stichting Alfa
                title: Protocol Alfa
                ---

                ## Regels

                ### [1] Foto's van leerlingen

                Voor het plaatsen van foto's van leerlingen op sociale media is schriftelijke toestemming van de ouders nodig.

                ### [2] Vertrouwelijk

                Medewerkers delen geen vertrouwelijke informatie op sociale media.
                """);
        Files.writeString(dir.resolve("beta.md"), """
                ---
                protocol: beta
                organisation: Stichting Beta
                title: Protocol Beta
                ---

                ## Regels

                ### [1] Vertrouwelijk

                Medewerkers publiceren geen vertrouwelijke informatie.

                ### [2] Geen discussie

                Medewerkers gaan online niet in discussie met ouders.
                """);
        SearchEngine engine = SearchEngine.build(CorpusLoader.load(dir));
        beta = new Answerer(engine, Optional.of("beta"), unanswered::add);
        all = new Answerer(engine);
    }

    @Test
    void aRuleOnlyAnotherProtocolHasIsNotQuotedAsTheirs() {
        String question = "mag ik foto's van leerlingen op instagram plaatsen?";
        Answer a = beta.ask(question);
        assertEquals(Answer.Status.NOT_IN_PROTOCOL, a.status());
        assertEquals(List.of(), a.items(), "never another board's rule as if it were theirs");
        assertTrue(a.message().startsWith("Jouw protocol zegt hier niets over."), a.message());
        assertTrue(AnswerText.render(a).contains("Jouw protocol zegt hier niets over."));
        assertTrue(AnswerJson.toJson(a).toString().contains("\"status\":\"not_in_protocol\""));
        assertTrue(unanswered.contains(a.question()), "a gap in the protocol is kept for teaching, like any other");
        // the same question over all protocols finds the rule
        assertEquals("alpha/1", all.ask(question).items().get(0).id());
    }

    @Test
    void whatTheProtocolCoversIsAnsweredAndWhatNoneCoversIsNotFound() {
        assertEquals("beta/2", beta.ask("mag ik online in discussie gaan met een ouder?").items().get(0).id());
        assertEquals(Answer.Status.NOTHING_FOUND, beta.ask("hoe laat begint de kerstviering?").status());
    }

    @Test
    void theHelpExampleIsAnArticleOfTheProtocolInUse() throws Exception {
        var bundled = CorpusLoader.bundled();
        String coreRules = new String(AnswererTest.class.getResourceAsStream("/corpus/core-rules.txt").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        String firstKonot = coreRules.lines().map(l -> l.replaceAll("#.*", "").strip())
                .filter(l -> l.startsWith("konot/")).findFirst().orElseThrow();
        var engine = SearchEngine.build(bundled);
        assertEquals(firstKonot, new Answerer(engine, Optional.of("konot"), q -> { }).exampleId());
        // a corpus without core rules: the first article of the protocol in use
        assertEquals("beta/1", beta.exampleId());
    }
}
