package nl.protocolbot.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.search.SearchEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answer quality as a regression guard (docs/quality.md). The gate is the development set and the three measurement
 * sets; the thresholds are what the search reaches, less a small margin. The measurement sets are never tuned on:
 * a failure reports their figures only, never their questions. The tuning sets (extra, fresh, tune-situations) are
 * guarded too, but their figures say little about unseen questions.
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

    /** The figures of a run, without any question (for the measurement sets). */
    private static String figures(Evaluation.Report r) {
        return String.format(Locale.ROOT, "Hit@1 %.3f Hit@3 %.3f MRR@5 %.3f off-topic rejected %d/%d", r.hit1(),
                r.hit3(), r.mrr5(), r.rejected(), r.offTopic());
    }

    @Test
    void developmentQuestions() throws Exception {
        Evaluation.Report r = run("dev.jsonl");
        assertEquals(36, r.onTopic());
        assertTrue(r.hit3() >= 0.94, () -> figures(r) + " misses " + r.misses());
        assertTrue(r.mrr5() >= 0.85, () -> figures(r));
        assertEquals(r.offTopic(), r.rejected(), () -> "off-topic answered: " + r.misses());
    }

    @Test
    void measurementSetOfSituations() throws Exception {
        Evaluation.Report r = run("measure-situations.jsonl");
        assertTrue(r.onTopic() >= 80 && r.offTopic() >= 20, () -> figures(r));
        assertTrue(r.hit3() >= 0.80, () -> figures(r));
        assertTrue(r.mrr5() >= 0.70, () -> figures(r));
        assertTrue(r.rejection() >= 0.9, () -> figures(r));
    }

    @Test
    void secondMeasurementSetOfSituations() throws Exception {
        Evaluation.Report r = run("measure-situations-2.jsonl");
        assertEquals(115, r.onTopic(), () -> figures(r));
        assertEquals(25, r.offTopic(), () -> figures(r));
        assertTrue(r.hit3() >= 0.80, () -> figures(r));
        assertTrue(r.mrr5() >= 0.70, () -> figures(r));
        assertTrue(r.rejection() >= 0.9, () -> figures(r));
    }

    @Test
    void thirdMeasurementSetOfSituations() throws Exception {
        Evaluation.Report r = run("measure-situations-3.jsonl");
        assertEquals(115, r.onTopic(), () -> figures(r));
        assertEquals(25, r.offTopic(), () -> figures(r));
        assertTrue(r.hit3() >= 0.77, () -> figures(r));
        assertTrue(r.mrr5() >= 0.68, () -> figures(r));
        assertTrue(r.rejection() >= 0.88, () -> figures(r));
    }

    @Test
    void measurementSetOfPlainQuestions() throws Exception {
        Evaluation.Report r = run("measure-plain.jsonl");
        assertTrue(r.hit3() >= 0.9, () -> figures(r));
        assertTrue(r.mrr5() >= 0.88, () -> figures(r));
        assertTrue(r.rejection() >= 0.75, () -> figures(r));
    }

    @Test
    void tuningSets() throws Exception {
        Evaluation.Report extra = run("extra.jsonl");
        assertTrue(extra.hit3() >= 0.88 && extra.mrr5() >= 0.8, () -> figures(extra) + " " + extra.misses());
        assertTrue(extra.rejection() >= 0.85, () -> figures(extra) + " " + extra.misses());
        Evaluation.Report fresh = run("fresh.jsonl");
        assertTrue(fresh.hit3() >= 0.75 && fresh.rejection() >= 0.85, () -> figures(fresh) + " " + fresh.misses());
        Evaluation.Report situations = run("tune-situations.jsonl");
        assertTrue(situations.hit3() >= 0.77 && situations.mrr5() >= 0.67,
                () -> figures(situations) + " " + situations.misses());
        assertTrue(situations.rejection() >= 0.9, () -> figures(situations) + " " + situations.misses());
        Evaluation.Report decision = run("tune-decision.jsonl");
        assertTrue(decision.rejection() >= 0.9 && decision.hit3() >= 0.75, () -> figures(decision) + " "
                + decision.misses());
    }

    @Test
    void aProtocolCountsTheQuestionsItAnswersWithItsOwnPhrasesAndEveryOffTopicQuestion() throws Exception {
        nl.protocolbot.corpus.Protocol konot = answerer.corpus().protocol("konot").orElseThrow();
        List<Evaluation.Case> cases = List.of(
                new Evaluation.Case("a", List.of("Konot publiceren geen vertrouwelijke", "iets van een ander"), 1),
                new Evaluation.Case("b", List.of("schriftelijke toestemming aan medewerkers, ouders"), 2),
                new Evaluation.Case("c", List.of(), 3));
        List<Evaluation.Case> own = Evaluation.forProtocol(cases, konot);
        assertEquals(List.of(new Evaluation.Case("a", List.of("Konot publiceren geen vertrouwelijke"), 1),
                new Evaluation.Case("c", List.of(), 3)), own);
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
