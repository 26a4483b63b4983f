package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One ranking from the article ranking and the example-question ranking. */
class FusionTest {
    private static Pipeline p;

    @BeforeAll
    static void build() throws Exception {
        p = Pipeline.product();
    }

    private static final Coverage.Share HALF = new Coverage.Share(0.5, 0.5);
    private static final Coverage.Share FULL = new Coverage.Share(1, 1);

    private static Retrieval.Found found() {
        int a = p.index.doc("konot/4");
        String b = "aurora/3.5";
        return new Retrieval.Found(
                List.of(new Retrieval.ArticleMatch(a, 4.0, HALF), new Retrieval.ArticleMatch(p.index.doc(b), 3.0, HALF)),
                List.of(new Retrieval.QuestionMatch(0, b, 2.0, FULL), new Retrieval.QuestionMatch(1, b, 1.0, HALF),
                        new Retrieval.QuestionMatch(2, Index.OUT_OF_SCOPE, 9.0, FULL)),
                Retrieval.Neighbours.NONE, Optional.empty());
    }

    private static List<String> ranking(Tuning tuning) {
        Question q = p.read("foto toestemming");
        return new Fusion(p.index, tuning).fuse(found(), new Coverage(q, p.index)).stream()
                .map(c -> p.id(c.doc())).toList();
    }

    @Test
    void anArticlesBestExampleAddsToItsTextEvidence() {
        // text alone: konot/4 (4 × (0.5 + 0.5)) before aurora/3.5 (3 × 1); its best example adds 2 × (0.5 + 1)
        assertEquals(List.of("aurora/3.5", "konot/4"), ranking(Tuning.DEFAULT));
    }

    @Test
    void withoutExamplesOnlyTheTextCounts() {
        // without the coverage factors too: konot/4 (4) before aurora/3.5 (3), its examples left out
        EnumSet<Tuning.Step> steps = EnumSet.allOf(Tuning.Step.class);
        steps.remove(Tuning.Step.EXAMPLES);
        steps.remove(Tuning.Step.COVERAGE);
        assertEquals(List.of("konot/4", "aurora/3.5"), ranking(new Tuning(steps, 1.2f, 0.75f)));
    }

    @Test
    void anArticleCoveringAllOfTheQuestionRanksAboveAStrongerMatchOnPartOfIt() {
        // text alone: konot/4 4 × (0.5 + 0.5) against aurora/3.5 3 × (0.5 + 0.5); then each × (0.5 + what the whole
        // article covers of "foto toestemming")²: aurora/3.5 has both words, konot/4 neither
        EnumSet<Tuning.Step> steps = EnumSet.allOf(Tuning.Step.class);
        steps.remove(Tuning.Step.EXAMPLES);
        assertEquals(List.of("aurora/3.5", "konot/4"), ranking(new Tuning(steps, 1.2f, 0.75f)));
    }

    @Test
    void anArticlesSecondBestExampleAddsHalfItsThirdAQuarterAndItsFourthNothing() {
        // without the coverage factors, scores add as they are: 2 + 0.5 × 1.5 + 0.25 × 1, the fourth (0.5) left out
        String b = "aurora/3.5";
        Retrieval.Found examplesOnly = new Retrieval.Found(List.of(),
                List.of(new Retrieval.QuestionMatch(0, b, 2.0, FULL), new Retrieval.QuestionMatch(1, b, 1.5, FULL),
                        new Retrieval.QuestionMatch(2, b, 1.0, FULL), new Retrieval.QuestionMatch(3, b, 0.5, FULL)),
                Retrieval.Neighbours.NONE, Optional.empty());
        EnumSet<Tuning.Step> steps = EnumSet.allOf(Tuning.Step.class);
        steps.remove(Tuning.Step.COVERAGE);
        List<Fusion.Candidate> fused = new Fusion(p.index, new Tuning(steps, 1.2f, 0.75f))
                .fuse(examplesOnly, new Coverage(p.read("foto toestemming"), p.index));
        assertEquals(1, fused.size());
        assertEquals(3.0, fused.get(0).score(), 1e-9);
    }
}
