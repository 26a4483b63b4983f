package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The best sentence of each article, verbatim. */
class HighlightsTest {
    private static Pipeline p;

    @BeforeAll
    static void build() throws Exception {
        p = Pipeline.product();
    }

    @Test
    void theBestSentenceIsAVerbatimSentenceWithAQuestionWord() {
        int doc = p.index.doc("aurora/3.5");
        String[] best = p.highlights.best(p.read("toestemming van ouders voor foto's"), new int[] {doc});
        String text = p.index.articles[doc].text();
        assertTrue(text.contains(best[0]), best[0]);
        assertTrue(best[0].toLowerCase().contains("toestemming"), best[0]);
    }

    @Test
    void withoutAQuestionWordInTheArticleItsFirstSentence() {
        int doc = p.index.doc("konot/4");
        String[] best = p.highlights.best(p.read("qwzx"), new int[] {doc});
        assertEquals(Highlights.firstSentence(p.index.articles[doc].text()), best[0]);
    }
}
