package nl.protocolbot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * The sentence of each article that best matches the question, found by Lucene's {@link UnifiedHighlighter} in the
 * verbatim text (offsets come from the postings, so nothing is re-analysed). Only the article's own text is
 * searched: example questions are never shown. Thread-safe.
 */
final class Highlights {
    private static final Locale DUTCH = new Locale("nl", "NL");

    private final Index index;
    private final UnifiedHighlighter highlighter;

    Highlights(Index index, Analyzer analyzer) {
        this.index = index;
        this.highlighter = new InMemoryTexts(UnifiedHighlighter.builder(index.articleSearcher, analyzer)
                .withBreakIterator(() -> BreakIterator.getSentenceInstance(DUTCH))
                .withFormatter(new SentenceFormatter())
                .withMaxNoHighlightPassages(0)
                .withHandleMultiTermQuery(false), index);
    }

    /** For each article (by document), its best sentence; its first sentence when no question word is in it. */
    String[] best(Question q, int[] docs) {
        if (docs.length == 0) {
            return new String[0];
        }
        ScoreDoc[] sds = new ScoreDoc[docs.length];
        for (int i = 0; i < docs.length; i++) {
            sds[i] = new ScoreDoc(docs[i], docs.length - i);
        }
        try {
            String[] sentences = highlighter.highlight(Index.TEXT, query(q, docs),
                    new TopDocs(new TotalHits(sds.length, TotalHits.Relation.EQUAL_TO), sds), 1);
            for (int i = 0; i < docs.length; i++) {
                if (sentences[i] == null) {
                    sentences[i] = firstSentence(index.articles[docs[i]].text());
                }
            }
            return sentences;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The question's terms that occur in at least one of the articles: the highlighter need not look for others. */
    private Query query(Question q, int[] docs) {
        Set<String> terms = new HashSet<>();
        q.words().forEach(w -> terms.addAll(w.allTerms()));
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : terms) {
            int id = index.termId(t);
            if (Arrays.stream(docs).anyMatch(d -> Index.contains(index.allTerms[d], id))) {
                b.add(new TermQuery(new Term(Index.TEXT, t)), Occur.SHOULD);
            }
        }
        return b.build();
    }

    static String firstSentence(String text) {
        BreakIterator it = BreakIterator.getSentenceInstance(DUTCH);
        it.setText(text);
        int end = it.next();
        return (end == BreakIterator.DONE ? text : text.substring(0, end)).strip();
    }

    /**
     * The highlighter with the articles' texts taken from memory: the index does not store them, so no stored
     * fields are read and decompressed for every answer (the texts are the corpus's, verbatim).
     */
    private static final class InMemoryTexts extends UnifiedHighlighter {
        private final Index index;

        InMemoryTexts(UnifiedHighlighter.Builder builder, Index index) {
            super(builder);
            this.index = index;
        }

        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheCharsThreshold)
                throws IOException {
            List<CharSequence[]> out = new ArrayList<>();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                CharSequence[] values = new CharSequence[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    if (!fields[i].equals(Index.TEXT)) {
                        throw new IllegalArgumentException("only the article text is highlighted, not " + fields[i]);
                    }
                    values[i] = index.articles[doc].text();
                }
                out.add(values);
            }
            return out;
        }
    }

    /** Returns the best passage (one sentence) as plain text. */
    private static final class SentenceFormatter extends PassageFormatter {
        @Override
        public Object format(Passage[] passages, String content) {
            if (passages.length == 0) {
                return null;
            }
            Passage best = Arrays.stream(passages).max(Comparator.comparingDouble(Passage::getScore)).orElseThrow();
            return content.substring(best.getStartOffset(), best.getEndOffset()).strip();
        }
    }
}
