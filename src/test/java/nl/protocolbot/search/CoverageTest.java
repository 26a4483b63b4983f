package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import nl.protocolbot.TestCorpus;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusLoader;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weighted share of a question a text covers, on a two-article fixture corpus. */
class CoverageTest {
    private static Index index;
    private static QuestionReader reader;

    @BeforeAll
    static void build(@TempDir Path tmp) throws Exception {
        // the example fixture, with one more example of demo/2 that shares "vriendschapsverzoek" with another
        Path dir = TestCorpus.copyResource("/fixtures/examples-ok", tmp.resolve("corpus"));
        Files.writeString(dir.resolve("examples/demo.txt"), "demo/2: moet ik dat vriendschapsverzoek weigeren\n",
                StandardOpenOption.APPEND);
        Corpus corpus = CorpusLoader.load(dir);
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
        // "vriendschapsverzoek" is in two of demo/2's example questions, its text has neither word
        Coverage c = new Coverage(reader.read("vriendschapsverzoek"), index);
        int demo2 = index.doc("demo/2");
        assertEquals(0, c.ofArticle(demo2).all(), 1e-9);
        assertEquals(1, c.ofArticleAndExamples(demo2).all(), 1e-9);
    }

    @Test
    void aWordOnlyOneExampleUsesCountsForLess() {
        // "accepteren" is in one example of demo/2 only: a detail of that situation, credit 0.6
        Coverage c = new Coverage(reader.read("accepteren"), index);
        assertEquals(0.6, c.ofArticleAndExamples(index.doc("demo/2")).all(), 1e-9);
        assertEquals(0, c.ofArticleAndExamples(index.doc("demo/1")).all(), 1e-9);
    }
}
