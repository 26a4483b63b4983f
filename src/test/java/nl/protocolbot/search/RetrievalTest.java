package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Retrieval over article text and over example and out-of-scope questions. */
class RetrievalTest {
    private static Pipeline p;

    @BeforeAll
    static void build() throws Exception {
        p = Pipeline.product();
    }

    private static Retrieval.Found find(String question, Optional<String> protocol) {
        Question q = p.read(question);
        return p.retrieval.find(q, new Coverage(q, p.index), protocol);
    }

    @Test
    void findsArticlesByTheirTextWithCoverage() {
        Retrieval.Found f = find("mag ik schuttingtaal gebruiken", Optional.empty());
        assertFalse(f.articles().isEmpty());
        assertTrue(f.articles().stream().limit(3).anyMatch(m -> p.id(m.doc()).equals("konot/donts-2")),
                () -> f.articles().stream().map(m -> p.id(m.doc())).toList().toString());
        Retrieval.ArticleMatch top = f.articles().get(0);
        assertTrue(top.coverage().all() > 0 && top.coverage().all() <= 1);
    }

    @Test
    void findsExampleQuestionsOfArticlesThatDoNotShareTheWords() {
        // the corpus's example questions speak of "memes"; no article does
        Retrieval.Found f = find("collega deelt memes over de directie", Optional.empty());
        assertTrue(p.index.articleDf("meme") == 0);
        assertTrue(f.questions().stream().anyMatch(m -> !m.outOfScope()), f.questions()::toString);
    }

    @Test
    void anOutOfScopePhrasingIsCloserToTheOutOfScopeQuestions() {
        Retrieval.Neighbours app = find("hoe zet ik meldingen uit op instagram", Optional.empty()).neighbours();
        assertTrue(app.outOfScope() > app.example(), app::toString);
        Retrieval.Neighbours rule = find("mag ik een foto van mijn klas op instagram zetten", Optional.empty())
                .neighbours();
        assertTrue(rule.example() > rule.outOfScope(), rule::toString);
    }

    @Test
    void aProtocolFilterKeepsItsArticlesAndExamplesAndTheOutOfScopeQuestions() {
        Retrieval.Found f = find("mag ik een foto van een leerling plaatsen", Optional.of("konot"));
        assertFalse(f.articles().isEmpty());
        assertTrue(f.articles().stream().allMatch(m -> p.id(m.doc()).startsWith("konot/")));
        // out-of-scope questions, Konot's own examples, and those of other protocols' articles linked to Konot's
        assertTrue(f.questions().stream().allMatch(m -> m.outOfScope() || m.article().startsWith("konot/")
                || java.util.Arrays.stream(p.index.linked(p.index.doc(m.article())))
                        .anyMatch(d -> p.id(d).startsWith("konot/"))));
        assertTrue(f.questions().stream().anyMatch(m -> m.article().startsWith("konot/")));
        List<String> all = find("hoe verander ik mijn profielfoto", Optional.of("konot")).questions().stream()
                .map(Retrieval.QuestionMatch::article).toList();
        assertTrue(all.contains(Index.OUT_OF_SCOPE), all::toString);
    }

    private static final String KLAS_ONLINE = "mag ik een foto van mijn klas online zetten";

    @Test
    void theExampleSearchLeavesOutSynonymsThatManyExampleQuestionsShareButKeepsTheWordsThemselves() {
        // "posten" and "delen" are in hundreds of example questions (synonyms of "online" and "zetten"): left out of
        // the example search, kept in the article search; "online" and "zetten" themselves are always searched
        String examples = p.retrieval.query(p.read(KLAS_ONLINE), Index.QUESTION, false).toString();
        String articles = p.retrieval.query(p.read(KLAS_ONLINE), Index.ALL, true).toString();
        assertTrue(examples.contains("question:online") && examples.contains("question:zetten"), examples);
        assertTrue(examples.contains("question:plaatsen"), examples);
        assertFalse(examples.contains("question:posten") || examples.contains("question:delen"), examples);
        assertTrue(articles.contains("all:delen"), articles);
    }

    @Test
    void aTermNoTextHasIsNotSearchedForAndATitleTermOnlyWhereSomeTitleHasIt() {
        // the English "upload" is in example questions, in no article; "foto" is in titles, "zetten" in none
        String examples = p.retrieval.query(p.read(KLAS_ONLINE), Index.QUESTION, false).toString();
        String articles = p.retrieval.query(p.read(KLAS_ONLINE), Index.ALL, true).toString();
        assertTrue(examples.contains("question:upload"), examples);
        assertFalse(articles.contains("all:upload"), articles);
        assertTrue(articles.contains("title:foto"), articles);
        assertFalse(articles.contains("title:zetten"), articles);
    }

    @Test
    void thePhrasingLeavesOutTheWordsMostQuestionsHave() {
        // "ik" and "een" are in four of ten example and out-of-scope questions; "mag" (as "mogen") is in far fewer
        String phrasing = p.retrieval.phrasing(p.read(KLAS_ONLINE)).toString();
        List<String> terms = List.of(phrasing.split(" "));
        assertTrue(terms.contains("phrasing:mogen") && terms.contains("phrasing:foto"), phrasing);
        assertFalse(terms.contains("phrasing:ik") || terms.contains("phrasing:een"), phrasing);
    }

    @Test
    void scoringEveryMatchOrSkippingFindsTheSameInTheSameOrder() {
        Retrieval bulk = new Retrieval(p.index, p.analysis, Tuning.DEFAULT, Integer.MAX_VALUE);
        Retrieval skipping = new Retrieval(p.index, p.analysis, Tuning.DEFAULT, 0);
        for (String question : List.of(KLAS_ONLINE, "hoe zet ik meldingen uit op instagram",
                "Moet ik erbij zetten dat het mijn persoonlijke mening is als ik over school post?",
                "collega deelt memes over de directie")) {
            Question q = p.read(question);
            Retrieval.Found a = bulk.find(q, new Coverage(q, p.index), Optional.empty());
            Retrieval.Found b = skipping.find(q, new Coverage(q, p.index), Optional.empty());
            assertEquals(a.articles().stream().map(Retrieval.ArticleMatch::doc).toList(),
                    b.articles().stream().map(Retrieval.ArticleMatch::doc).toList(), question);
            assertEquals(a.questions().stream().map(Retrieval.QuestionMatch::doc).toList(),
                    b.questions().stream().map(Retrieval.QuestionMatch::doc).toList(), question);
            assertEquals(a.neighbours().example(), b.neighbours().example(), 1e-4, question);
            assertEquals(a.neighbours().outOfScope(), b.neighbours().outOfScope(), 1e-4, question);
            assertFalse(a.articles().isEmpty() && a.questions().isEmpty(), question);
        }
    }
}
