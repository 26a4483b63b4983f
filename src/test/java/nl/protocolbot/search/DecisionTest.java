package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The answer/no-answer decision. */
class DecisionTest {
    private static Pipeline p;

    @BeforeAll
    static void build() throws Exception {
        p = Pipeline.product();
    }

    private static List<Fusion.Candidate> decide(Decision decision, String question) {
        return decide(decision, question, Optional.empty());
    }

    private static List<Fusion.Candidate> decide(Decision decision, String question, Optional<String> protocol) {
        Question q = p.read(question);
        Coverage coverage = new Coverage(q, p.index);
        Retrieval.Found found = p.retrieval.find(q, coverage, protocol);
        return decision.decide(q, coverage, p.fusion.fuse(found, coverage), found);
    }

    @ParameterizedTest
    @ValueSource(strings = {"instagram", "Instagram en Facebook", "linkedin?"})
    void aPlatformNameAloneIsNotEnough(String question) {
        assertEquals(List.of(), decide(p.decision, question));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hoe verander ik mijn profielfoto op linkedin", "hoe zet ik meldingen uit in teams",
        "Waar kan ik mijn auto parkeren?", "Hoeveel vakantiedagen heb ik nog?"})
    void questionsLikeTheOutOfScopeOnesGetNoArticle(String question) {
        assertEquals(List.of(), decide(p.decision, question));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mag ik een foto van mijn klas op instagram zetten",
        "Een leerling stuurt me een vriendschapsverzoek op Facebook, mag ik dat accepteren?",
        "mag ik vloeken in een tweet"})
    void questionsAboutTheRulesAreAnswered(String question) {
        assertFalse(decide(p.decision, question).isEmpty());
    }

    @Test
    void answeringFromOneProtocolWeighsTheOutOfScopeQuestionsAgainstEveryExample() {
        for (String protocol : List.of("scoh", "oog", "konot", "verkruisen", "aurora")) {
            assertFalse(decide(p.decision, "mag ik een klassenfoto op Instagram zetten?", Optional.of(protocol))
                    .isEmpty(), protocol);
            assertEquals(List.of(), decide(p.decision, "hoe zet ik meldingen uit in teams", Optional.of(protocol)));
        }
    }

    @Test
    void everyArticleShownCoversEnoughOfTheQuestion() {
        List<Fusion.Candidate> shown = decide(p.decision, "mag ik vertrouwelijke informatie tweeten");
        assertFalse(shown.isEmpty());
        assertTrue(shown.stream().allMatch(c -> c.coverage().all() >= Decision.MIN_COVERAGE));
        assertTrue(shown.stream().allMatch(c -> c.score() >= Decision.MIN_RELATIVE_SCORE * shown.get(0).score()));
    }

    @Test
    void withoutTheOutOfScopeStepAPlatformNameIsAnswered() {
        EnumSet<Tuning.Step> steps = EnumSet.allOf(Tuning.Step.class);
        steps.remove(Tuning.Step.OUT_OF_SCOPE);
        Decision lenient = new Decision(new Tuning(steps, 1.2f, 0.75f), p.analysis.topics);
        assertFalse(decide(lenient, "hoe verander ik mijn profielfoto op linkedin").isEmpty());
    }

    @Test
    void weakCoverageNeedsAClearLeadOfTheExamplesPhrasing() {
        // one candidate, its content covered 30 % (weak) or 50 %; the nearest examples 10 % or 30 % closer than the
        // nearest out-of-scope questions
        Question q = p.read("foto toestemming");
        Coverage coverage = new Coverage(q, p.index);
        int doc = p.index.doc("aurora/3.5");
        assertEquals(List.of(), decideWith(q, coverage, doc, 0.3, 1.1, 1.0), "weak coverage, a small lead");
        assertEquals(1, decideWith(q, coverage, doc, 0.3, 1.3, 1.0).size(), "weak coverage, a clear lead");
        assertEquals(1, decideWith(q, coverage, doc, 0.5, 1.1, 1.0).size(), "enough coverage, a small lead");
        assertEquals(List.of(), decideWith(q, coverage, doc, 0.5, 1.0, 1.0), "a tie is a doubt");
    }

    private static List<Fusion.Candidate> decideWith(Question q, Coverage coverage, int doc, double covered,
                                                     double examples, double outOfScope) {
        Coverage.Share share = new Coverage.Share(covered, covered);
        Retrieval.Found found = new Retrieval.Found(List.of(), List.of(),
                new Retrieval.Neighbours(examples, outOfScope), Optional.empty());
        return p.decision.decide(q, coverage, List.of(new Fusion.Candidate(doc, 10.0, share)), found);
    }
}
