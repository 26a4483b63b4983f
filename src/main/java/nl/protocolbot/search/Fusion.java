package nl.protocolbot.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One ranking from two: BM25 over the articles' text and BM25 over their example questions (the best-matching
 * example of each article, half of its second-best and a quarter of its third-best). Each score is multiplied by
 * ({@link #COVERAGE_FLOOR} + coverage), so that a text covering more of the question ranks higher but a strong match
 * on few words still counts; an article's example evidence then adds to its text evidence
 * ({@link #EXAMPLE_WEIGHTS}). Both BM25 scores are sums of the same question words' IDFs over short texts, so they are
 * added as they are (scaling each by its ranking's best, or reciprocal-rank fusion, measured no better:
 * docs/quality.md). Stateless.
 */
final class Fusion {
    static final double COVERAGE_FLOOR = 0.5;
    /**
     * The fused score is multiplied once more by ({@link #COVERAGE_FLOOR} + the share of the question the article
     * covers with its text and examples together) to this power: an article that answers all of the question,
     * spread over its text and several examples, ranks above one with a single strong match on part of it.
     */
    static final int ARTICLE_COVERAGE_POWER = 2;
    /**
     * What an article's best, second-best and third-best example add of their score: several examples alike the
     * question say more than one. Further examples add nothing.
     */
    private static final double[] EXAMPLE_WEIGHTS = {1.0, 0.5, 0.25};

    /**
     * What an example question of another protocol's article adds to the article it is linked to ({@link Links}),
     * against what it adds to its own: a board's own examples weigh most for its own articles.
     */
    static final double TRANSFER_WEIGHT = 0.7;

    /**
     * A link this alike or more transfers an example at the full {@link #TRANSFER_WEIGHT}; a weaker one in proportion:
     * a loose link says less about whether the example's situation is the rule's.
     */
    static final double FULL_TRANSFER_SIMILARITY = 0.5;
    private final Index index;
    private final Tuning tuning;

    Fusion(Index index, Tuning tuning) {
        this.index = index;
        this.tuning = tuning;
    }

    /** A candidate article with its fused score and the share of the question it covers (text and examples). */
    record Candidate(int doc, double score, Coverage.Share coverage) {
    }

    List<Candidate> fuse(Retrieval.Found found, Coverage coverage) {
        boolean examples = tuning.has(Tuning.Step.EXAMPLES);
        boolean weighed = tuning.has(Tuning.Step.COVERAGE);
        Map<Integer, Double> scores = new HashMap<>(256);
        for (Retrieval.ArticleMatch m : found.articles()) {
            scores.merge(m.doc(), m.score() * weight(m.coverage().all()), Double::sum);
        }
        if (examples) {
            Map<Integer, Integer> counted = new HashMap<>(128);
            for (Retrieval.QuestionMatch m : found.questions()) { // best first
                if (m.outOfScope()) {
                    continue;
                }
                int own = index.doc(m.article());
                double score = m.score() * weight(m.coverage().all());
                if (found.protocol().isEmpty() || index.articles[own].protocol().equals(found.protocol().get())) {
                    credit(own, score, counted, scores);
                    continue;
                }
                int[] linked = index.linked(own);
                double[] similarity = index.linkSimilarities(own);
                for (int i = 0; i < linked.length; i++) { // an example of another protocol's article serves its links
                    if (index.articles[linked[i]].protocol().equals(found.protocol().get())) {
                        double w = Math.min(1, similarity[i] / FULL_TRANSFER_SIMILARITY);
                        credit(linked[i], w * TRANSFER_WEIGHT * score, counted, scores);
                    }
                }
            }
        }
        List<Candidate> out = new ArrayList<>(scores.size());
        scores.forEach((doc, score) -> {
            Coverage.Share share = examples ? coverage.ofArticleAndExamples(doc) : coverage.ofArticle(doc);
            double factor = weighed ? Math.pow(COVERAGE_FLOOR + share.all(), ARTICLE_COVERAGE_POWER) : 1;
            out.add(new Candidate(doc, score * factor, share));
        });
        out.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::doc));
        return out;
    }

    /** Adds an example's score to an article, as its best, second-best or third-best example ({@link #EXAMPLE_WEIGHTS}). */
    private static void credit(int doc, double score, Map<Integer, Integer> counted, Map<Integer, Double> scores) {
        int nth = counted.merge(doc, 1, Integer::sum);
        if (nth <= EXAMPLE_WEIGHTS.length) {
            scores.merge(doc, EXAMPLE_WEIGHTS[nth - 1] * score, Double::sum);
        }
    }

    private double weight(double coverage) {
        return tuning.has(Tuning.Step.COVERAGE) ? COVERAGE_FLOOR + coverage : 1;
    }
}
