package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusLoader;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The weighted share of a question a text covers, on a two-article fixture corpus. */
class CoverageTest {
    private static Index index;
    private static QuestionReader reader;

    @BeforeAll
    static void build() throws Exception {
        Corpus corpus = CorpusLoader.load(Path.of(CoverageTest.class.getResource("/fixtures/examples-ok").toURI()));
        Analysis analysis = new Analysis(corpus, Tuning.DEFAULT);
        index = new Index(corpus, analysis.index, analysis.phrasing, new BM25Similarity());
        reader = new QuestionReader(analysis, index);
    }

    @Test
    void twoArticlesThatSplitTheQuestionsWordsShareItsWeight() {
        // "foto" and "toestemming" stand only in demo/1, "vrienden" only in demo/2
        Coverage c = new Coverage(reader.read("foto toestemming vrienden"), index);
        double one = c.ofArticle(index.doc("demo/1")).all();
        double two = c.ofArticle(index.doc("demo/2")).all();
        assertTrue(one > two && two > 0, one + " " + two);
        assertEquals(1.0, one + two, 1e-9);
        assertEquals(one, c.ofArticle(index.doc("demo/1")).specific(), 1e-9, "no platform word: the same share");
        assertTrue(c.hasSpecificWords());
    }

    @Test
    void anArticlesExampleQuestionsAddToWhatItCovers() {
        // "instagram" is in demo/1's example questions only, "accepteren" in demo/2's
        Coverage c = new Coverage(reader.read("vriendschapsverzoek accepteren"), index);
        int demo2 = index.doc("demo/2");
        assertEquals(0, c.ofArticle(demo2).all(), 1e-9);
        assertEquals(1, c.ofArticleAndExamples(demo2).all(), 1e-9);
    }
}
