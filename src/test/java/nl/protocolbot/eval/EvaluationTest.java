package nl.protocolbot.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.search.SearchEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answer quality as a regression guard: the thresholds are what the search reaches, less a small margin
 * (see docs/quality.md).
 */
class EvaluationTest {
    private static Answerer answerer;

    @BeforeAll
    static void build() throws Exception {
        answerer = new Answerer(SearchEngine.build(CorpusLoader.bundled()));
    }

    private static Evaluation.Report run(String name) throws Exception {
        Path file = Path.of(EvaluationTest.class.getResource("/eval/" + name).toURI());
        return Evaluation.run(answerer, Evaluation.read(file), Optional.empty());
    }

    @Test
    void developmentQuestions() throws Exception {
        Evaluation.Report r = run("dev.jsonl");
        assertEquals(36, r.onTopic());
        assertTrue(r.hit3() >= 0.94, () -> "Hit@3 " + r.hit3() + " misses " + r.misses());
        assertTrue(r.mrr5() >= 0.85, () -> "MRR@5 " + r.mrr5());
        assertEquals(r.offTopic(), r.rejected(), () -> "off-topic answered: " + r.misses());
    }

    @Test
    void ownExtraQuestions() throws Exception {
        Evaluation.Report r = run("extra.jsonl");
        assertTrue(r.hit3() >= 0.84, () -> "Hit@3 " + r.hit3() + " misses " + r.misses());
        assertTrue(r.mrr5() >= 0.68, () -> "MRR@5 " + r.mrr5());
        assertTrue(r.rejection() >= 0.85, () -> "off-topic rejection " + r.rejection() + " " + r.misses());
    }

    @Test
    void freshQuestionsWrittenAfterTuning() throws Exception {
        Evaluation.Report r = run("fresh.jsonl");
        assertTrue(r.hit3() >= 0.7, () -> "Hit@3 " + r.hit3() + " misses " + r.misses());
        assertTrue(r.rejection() >= 0.85, () -> "off-topic rejection " + r.rejection() + " " + r.misses());
    }

    @Test
    void scoringFollowsTheSharedRules() {
        assertEquals("foto s", Evaluation.normalise("Foto’s"));
        assertEquals("prive", Evaluation.normalise("privé"));
        assertTrue(Evaluation.matches("Het is verboden, zonder toestemming!", List.of("zonder  TOESTEMMING")));
        assertFalse(Evaluation.matches("iets anders", List.of("toestemming")));
        assertFalse(Evaluation.matches("iets", List.of()));
    }
}
