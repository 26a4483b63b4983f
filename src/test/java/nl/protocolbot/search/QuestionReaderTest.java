package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A question becomes an immutable list of weighed words with the index terms each may match. */
class QuestionReaderTest {
    private static Pipeline p;

    @BeforeAll
    static void build() throws Exception {
        p = Pipeline.product();
    }

    private static Question.Word word(Question q, String surface) {
        return q.words().stream().filter(w -> w.surface().equals(surface)).findFirst().orElseThrow(
                () -> new AssertionError(surface + " not in " + q.words()));
    }

    @Test
    void eachMeaningfulWordWithItsLemmaAndSynonyms() {
        Question q = p.read("Mijn collega deelt foto's van leerlingen");
        assertEquals(List.of("collega", "deelt", "foto's", "leerlingen"),
                q.words().stream().map(Question.Word::surface).toList());
        Question.Word deelt = word(q, "deelt");
        assertEquals("delen", deelt.terms().get(0).term());
        assertEquals(Question.Source.WORD, deelt.terms().get(0).source());
        assertTrue(deelt.terms(Question.Source.SYNONYM).contains("posten"), deelt::toString);
        assertTrue(word(q, "foto's").terms(Question.Source.WORD).contains("foto"));
    }

    @Test
    void aCompoundTheIndexDoesNotKnowIsReadAsItsParts() {
        Question q = p.read("mag ik een klassenfoto delen");
        List<Question.Word> parts = q.words().stream().filter(w -> w.surface().equals("klassenfoto")).toList();
        assertEquals(2, parts.size(), q.words()::toString);
        assertTrue(parts.get(0).modifier() && !parts.get(1).modifier());
        assertTrue(parts.get(0).terms(Question.Source.WORD).contains("klas"), parts.get(0)::toString);
        assertTrue(parts.get(1).terms(Question.Source.WORD).contains("foto"), parts.get(1)::toString);
        assertTrue(parts.get(0).weight() < parts.get(1).weight(), "a klassenfoto is first of all a foto");
    }

    @Test
    void typosAndMissingAccentsAreCorrectedAgainstTheCorpusVocabulary() {
        Question.Word typo = word(p.read("mag dat op instagarm"), "instagarm");
        assertFalse(typo.terms().isEmpty());
        assertTrue(typo.terms().stream().allMatch(t -> t.source() == Question.Source.TYPO), typo::toString);
        Question.Word prive = word(p.read("mijn prive account"), "prive");
        assertTrue(prive.terms(Question.Source.WORD).contains("prive"), prive::toString);
        Question.Word fotos = word(p.read("fotos delen"), "fotos");
        assertTrue(fotos.terms(Question.Source.TYPO).contains("foto"), fotos::toString);
    }

    @Test
    void platformNamesNameTheCorpusSubject() {
        assertTrue(word(p.read("iets op instagram zetten"), "instagram").context());
        assertFalse(word(p.read("iets op instagram zetten"), "zetten").context());
    }

    @Test
    void aRealWordTheCorpusNeverUsesWeighsLikeTheRarestWord() {
        Question q = p.read("mag mijn giraf op de foto");
        Question.Word giraf = word(q, "giraf");
        assertTrue(giraf.terms().isEmpty());
        assertTrue(giraf.weight() > word(q, "foto").weight(), q.words()::toString);
        Question.Word name = word(p.read("qwzx foto"), "qwzx");
        assertEquals(QuestionReader.UNKNOWN_WEIGHT, name.weight(), "not a word: it weighs little");
    }

    @Test
    void onlyStopWordsIsNoQuestionAndTheReadingIsImmutable() {
        assertTrue(p.read("mag dat wel?").isEmpty());
        Question q = p.read("foto");
        assertThrows(UnsupportedOperationException.class, () -> q.words().clear());
        assertThrows(UnsupportedOperationException.class, () -> q.words().get(0).terms().clear());
    }
}
