package nl.protocolbot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopScoreDocCollectorManager;

/**
 * Finds candidates for a question, in two rankings: BM25 over the articles (text, section and title), and BM25 over
 * the example and out-of-scope questions. For every candidate it also measures coverage: the weighted share of the
 * question's words a text contains (see {@link Coverage}). Thread-safe.
 */
final class Retrieval {
    /** Articles scored per question. */
    static final int ARTICLE_CANDIDATES = 20;
    /** Example and out-of-scope questions scored per question. */
    static final int QUESTION_CANDIDATES = 40;
    /** The question's neighbours of each kind whose scores are averaged (one close question may be a fluke). */
    static final int NEIGHBOURS = 3;
    static final float TITLE_BOOST = 0.3f;
    /**
     * In the search over the example questions, a word's synonyms and typo corrections are left out when more than
     * this share of the questions contains them ("posten", "delen", "plaatsen" are in hundreds): each such term
     * visits many questions, costs the most of the search and separates them little (its IDF is low). The word's
     * own lemmas are always searched, and coverage still counts every synonym.
     */
    static final double COMMON_ALTERNATIVE_SHARE = 0.03;
    /**
     * In the comparison of the question's phrasing, a word in more than this share of all example and out-of-scope
     * questions ("ik", "een", "de") is left out: it is in most questions of both kinds, so it adds almost the same
     * to every neighbour, yet it is most of that search's work.
     */
    static final double COMMON_PHRASING_SHARE = 0.3;
    /** Up to this many documents in an index, every match is scored (see {@link #search}). */
    static final int SCORE_ALL_UP_TO = 100_000;
    static final float PROXIMITY_BOOST = 0.5f;

    private final Index index;
    private final Analysis analysis;
    private final Tuning tuning;
    private final int scoreAllUpTo;

    Retrieval(Index index, Analysis analysis, Tuning tuning) {
        this(index, analysis, tuning, SCORE_ALL_UP_TO);
    }

    /** With another size up to which every match is scored (for the test that it changes no hit). */
    Retrieval(Index index, Analysis analysis, Tuning tuning, int scoreAllUpTo) {
        this.index = index;
        this.analysis = analysis;
        this.tuning = tuning;
        this.scoreAllUpTo = scoreAllUpTo;
    }

    /** An article found by its text: BM25 and the share of the question its title, section and text cover. */
    record ArticleMatch(int doc, double score, Coverage.Share coverage) {
    }

    /** An example or out-of-scope question found: its document, article ({@code ""} when out of scope), BM25. */
    record QuestionMatch(int doc, String article, double score, Coverage.Share coverage) {
        boolean outOfScope() {
            return article.isEmpty(); // Index.OUT_OF_SCOPE
        }
    }

    /**
     * How close the question, put as it is (stop words included: "hoe zet ik…" is put like a question about an
     * app, "mag ik…" like one about a rule), comes to the closest example questions and to the closest out-of-scope
     * questions: the mean BM25 score of the {@link #NEIGHBOURS} best of each kind, in the same field, so comparable.
     */
    record Neighbours(double example, double outOfScope) {
        static final Neighbours NONE = new Neighbours(0, 0);
    }

    /** Both rankings for one question, and its nearest neighbours among the example and out-of-scope questions. */
    record Found(List<ArticleMatch> articles, List<QuestionMatch> questions, Neighbours neighbours,
                 Optional<String> protocol) {
    }

    Found find(Question q, Coverage coverage, Optional<String> protocol) {
        try {
            return new Found(articles(q, coverage, protocol), questions(q, coverage, protocol),
                    neighbours(q), protocol);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Over all protocols' example questions, also when answering from one protocol: whether a question is about a
     * rule at all does not depend on which protocol is asked (and one protocol's examples alone are too few to
     * weigh against every out-of-scope question).
     */
    private Neighbours neighbours(Question q) throws IOException {
        if (!tuning.has(Tuning.Step.OUT_OF_SCOPE) || index.examples() == 0) {
            return Neighbours.NONE; // without example questions there is nothing to weigh the out-of-scope ones against
        }
        double example = 0;
        double outOfScope = 0;
        int examples = 0;
        int outOfScopes = 0;
        for (ScoreDoc sd : search(index.questionSearcher, phrasing(q), Optional.empty(), true, QUESTION_CANDIDATES)) {
            if (index.isOutOfScope(sd.doc)) {
                outOfScope += outOfScopes++ < NEIGHBOURS ? sd.score : 0;
            } else {
                example += examples++ < NEIGHBOURS ? sd.score : 0;
            }
        }
        return new Neighbours(example / NEIGHBOURS, outOfScope / NEIGHBOURS);
    }

    /**
     * The question as put, stop words included, without the words most questions have
     * ({@link #COMMON_PHRASING_SHARE}).
     */
    Query phrasing(Question q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : new java.util.LinkedHashSet<>(Analysis.terms(analysis.phrasing, q.text()))) {
            int df = index.phrasingDf(t);
            if (df > 0 && df <= COMMON_PHRASING_SHARE * index.questions()) {
                b.add(index.termQuery(Index.PHRASING, t), Occur.SHOULD);
            }
        }
        return b.build();
    }

    private List<ArticleMatch> articles(Question q, Coverage coverage, Optional<String> protocol) throws IOException {
        Query query = query(q, Index.ALL, tuning.has(Tuning.Step.FIELDS));
        List<ArticleMatch> out = new ArrayList<>(ARTICLE_CANDIDATES);
        for (ScoreDoc sd : search(index.articleSearcher, query, protocol, false, ARTICLE_CANDIDATES)) {
            out.add(new ArticleMatch(sd.doc, sd.score, coverage.ofArticle(sd.doc)));
        }
        return out;
    }

    private List<QuestionMatch> questions(Question q, Coverage coverage, Optional<String> protocol)
            throws IOException {
        if (!tuning.has(Tuning.Step.EXAMPLES) && !tuning.has(Tuning.Step.OUT_OF_SCOPE) || index.questions() == 0) {
            return List.of();
        }
        Query query = query(q, Index.QUESTION, false);
        List<QuestionMatch> out = new ArrayList<>(QUESTION_CANDIDATES);
        for (ScoreDoc sd : search(index.questionSearcher, query, protocol, true, QUESTION_CANDIDATES)) {
            out.add(new QuestionMatch(sd.doc, index.questionArticle[sd.doc], sd.score, coverage.ofQuestion(sd.doc)));
        }
        return out;
    }

    private ScoreDoc[] search(IndexSearcher searcher, Query q, Optional<String> protocol, boolean keepOutOfScope,
                              int n) throws IOException {
        if (protocol.isPresent()) {
            // questions: the protocol's own examples, those of articles linked to its articles, and the out-of-scope
            Query scope = keepOutOfScope ? index.questionScope(protocol.get())
                    : new TermQuery(new Term(Index.PROTOCOL, protocol.get()));
            q = new BooleanQuery.Builder().add(q, Occur.MUST).add(scope, Occur.FILTER).build();
        }
        // The hits and their order are the same either way; only the work differs. On an index of a few thousand
        // short texts, scoring every match in bulk (Lucene's window scorer, chosen when every hit is counted) is
        // faster than skipping documents that cannot reach the top n, which pays per document for the bookkeeping;
        // on a large index, skipping wins. One collector (the searchers have no executor), so no shared scores.
        int counted = searcher.getIndexReader().maxDoc() <= scoreAllUpTo ? Integer.MAX_VALUE : n;
        return searcher.search(q, new TopScoreDocCollectorManager(n, null, counted, false)).scoreDocs;
    }

    /**
     * One clause per question word: the best of its terms, each boosted by its credit. A word that names the
     * corpus's subject (see {@link Question.Word#context}) is searched by its own lemmas only: its corpus-wide
     * synonyms ("sociale media") would visit half the index and rank nothing.
     */
    Query query(Question q, String field, boolean fields) {
        BooleanQuery.Builder top = new BooleanQuery.Builder();
        boolean allContext = q.words().stream().allMatch(Question.Word::context);
        boolean questions = field.equals(Index.QUESTION);
        for (Question.Word w : q.words()) {
            List<Query> alternatives = new ArrayList<>();
            for (Question.Term t : w.terms()) {
                if (w.context() && !allContext && t.source() != Question.Source.WORD) {
                    continue;
                }
                int df = questions ? index.questionDf(t.term()) : index.articleDf(t.term());
                if (df == 0 || questions && t.source() != Question.Source.WORD
                        && df > COMMON_ALTERNATIVE_SHARE * index.questions()) {
                    continue; // nothing to find, or a common synonym (see COMMON_ALTERNATIVE_SHARE)
                }
                alternatives.add(term(field, t.term(), (float) t.source().credit,
                        fields && t.source() == Question.Source.WORD));
            }
            if (alternatives.isEmpty()) {
                continue;
            }
            Query either = alternatives.size() == 1 ? alternatives.get(0)
                    : new DisjunctionMaxQuery(alternatives, 0.1f);
            top.add(w.modifier() ? new BoostQuery(either, (float) QuestionReader.MODIFIER_WEIGHT) : either,
                    Occur.SHOULD);
        }
        if (fields) {
            addProximity(top, q, field);
        }
        return top.build();
    }

    /** A term in the field; with {@code title}, also weighed in the article's title (when some title has it). */
    private Query term(String field, String term, float boost, boolean title) {
        Query q = index.termQuery(field, term);
        if (title && index.inTitle(term)) {
            q = new BooleanQuery.Builder()
                    .add(q, Occur.SHOULD)
                    .add(new BoostQuery(index.termQuery(Index.TITLE, term), TITLE_BOOST), Occur.SHOULD)
                    .build();
        }
        return boost == 1f ? q : new BoostQuery(q, boost);
    }

    /** Consecutive question words that stand near each other in an article (within 4 positions) add to its score. */
    private void addProximity(BooleanQuery.Builder top, Question q, String field) {
        List<Question.Word> words = q.words();
        for (int i = 0; i + 1 < words.size(); i++) {
            String a = first(words.get(i));
            String b = first(words.get(i + 1));
            if (a != null && b != null && !a.equals(b) && !common(a) && !common(b)) {
                top.add(new BoostQuery(new PhraseQuery(4, field, a, b), PROXIMITY_BOOST), Occur.SHOULD);
            }
        }
    }

    private boolean common(String term) {
        return index.articleDf(term) >= QuestionReader.CONTEXT_SHARE * index.size();
    }

    private static String first(Question.Word w) {
        List<String> own = w.terms(Question.Source.WORD);
        return own.isEmpty() ? null : own.get(0);
    }
}
