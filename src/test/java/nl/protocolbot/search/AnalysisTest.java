package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import nl.protocolbot.corpus.CorpusException;
import nl.protocolbot.corpus.CorpusLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The analysis chains: lemmas, the stemmer fallback, accents, stop words, compounds, synonyms. */
class AnalysisTest {
    private static Analysis analysis;

    @BeforeAll
    static void build() throws Exception {
        analysis = new Analysis(CorpusLoader.bundled(), Tuning.DEFAULT);
    }

    private static List<String> index(String text) {
        return Analysis.terms(analysis.index, text);
    }

    @ParameterizedTest
    @CsvSource({
        "foto's, foto", "foto’s, foto", "gecontroleerd, controleren", "deelt, delen", "gedeeld, delen",
        "geplaatst, plaatsen", "gepost, posten", "bedreigt, bedreigen", "plaatje, plaat", "privé, prive",
    })
    void indexesTheLemma(String form, String lemma) {
        assertTrue(index(form).contains(lemma), () -> form + " → " + index(form));
    }

    @Test
    void theStemmerHandlesOnlyWordsTheLexiconDoesNotKnow() {
        assertEquals(List.of("fotos"), index("fotos"), "an unknown spelling is Snowball's (the question reader"
                + " corrects it to foto as a typo)");
        assertTrue(index("pers").contains("pers"), "the lexicon keeps pers (Snowball made it per)");
        assertEquals(List.of("vertrouwelijk"), index("vertrouwelijke"));
    }

    @Test
    void stopWordsAndQuestionWordsAreDropped() {
        assertEquals(List.of(), index("mag ik dat wel doen?"));
        assertEquals(List.of(), index("can I do it?"));
    }

    @Test
    void indexSplitsOnlyCompoundsTheLexiconDoesNotKnow() {
        assertTrue(index("privémening").containsAll(List.of("prive", "mening")), () -> index("privémening").toString());
        assertEquals(List.of("toestemming"), index("toestemming"));
        assertFalse(index("onderwijs").contains("wijs"), () -> index("onderwijs").toString());
    }

    @ParameterizedTest
    @CsvSource({
        "klassenfoto, klassen foto",
        "vriendschapsverzoek, vriendschap verzoek",
        "whatsappgroep, whatsapp groep",
        "schoollogo, school logo",
        "privémening, privé mening",
        "ouderportaal, ouder portaal",
        "teamapp, team app",
    })
    void splitsCompoundsIntoKnownWords(String word, String parts) {
        assertEquals(List.of(parts.split(" ")), analysis.compoundParts(word));
    }

    @ParameterizedTest
    @ValueSource(strings = {"meenemen", "toestemming", "leerlingen", "discussie", "verantwoordelijkheid", "geven",
        "instagarm"})
    void leavesOtherWordsWhole(String word) {
        assertEquals(List.of(), analysis.compoundParts(word));
    }

    @Test
    void vocabularyRestoresAccentsAndCorrectsTypos() {
        assertEquals("privé", analysis.vocabulary.withAccents("prive"));
        assertTrue(analysis.vocabulary.near("instagarm", 1, 5).contains("instagram"));
        assertFalse(analysis.vocabulary.contains("instagarm"));
    }

    @Test
    void queryChainAddsSynonymsOfTheLemma() {
        List<String> terms = Analysis.terms(analysis.query, "journalist");
        assertTrue(terms.containsAll(List.of("journalist", "pers", "verslaggever")), terms::toString);
        assertTrue(Analysis.terms(analysis.query, "vloeken").contains("schuttingtaal"));
    }

    @Test
    void topicsAreReadThroughTheLexicon() {
        assertTrue(analysis.topics.containsAll(Set.of("foto", "toestemming", "privacy")), analysis.topics::toString);
    }

    @Test
    void aSynonymRuleWithAStopWordIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("demo.md"),
                "---\nprotocol: demo\norganisation: D\ntitle: T\n---\n\n### [1] A\n\nTekst.\n");
        Files.writeString(dir.resolve("synonyms.txt"), "foto, beeld\nloopt uit de hand => ontsporen\n");
        CorpusException e = assertThrows(CorpusException.class,
                () -> new Analysis(CorpusLoader.load(dir), Tuning.DEFAULT));
        assertTrue(e.getMessage().startsWith("synonyms.txt:2: ongeldige synoniemregel"), e.getMessage());
    }
}
