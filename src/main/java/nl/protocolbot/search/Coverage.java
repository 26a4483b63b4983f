package nl.protocolbot.search;

import java.util.List;

/**
 * How much of a question a text covers: the weighted share of the question's words it contains, each word counting
 * with the best credit among the terms it matched by (own lemma 1, synonym 0.9, typo correction 0.7). Two shares:
 * <ul>
 *   <li>{@code all}: a word naming the corpus's subject ("Instagram") counts as covered by every article;</li>
 *   <li>{@code specific}: only the other words count, in numerator and denominator: what the question asks
 *       beyond platform and media words.</li>
 * </ul>
 * Built once per question from the term sets the index read from its postings. Immutable.
 */
final class Coverage {
    /**
     * The credit of a word that only one of an article's example questions uses, and not its text: a detail of that
     * example's situation (a weekday, the weather, a trip) rather than what the rule is about
     * ({@link Index#inArticleOrExamples}).
     */
    static final double INCIDENTAL_CREDIT = 0.6;
    private final Index index;
    private final double[] weights;
    private final boolean[] context;
    /** Per word, the term IDs it may match and the credit of each. */
    private final int[][] termIds;
    private final double[][] credits;
    private final double total;
    private final double specificTotal;
    /** Whether an article's coverage counts the example questions of the articles linked to it. */
    private final boolean withLinked;

    /** The two shares of a question one text covers, each 0 to 1. */
    record Share(double all, double specific) {
    }

    /** Coverage for a search over all protocols: an article with its own example questions. */
    Coverage(Question q, Index index) {
        this(q, index, false);
    }

    /**
     * @param withLinked whether an article also covers with the example questions of the articles of other protocols
     *                   linked to it (as incidental words: see {@link Index#articleAndExampleTerms}): in a search
     *                   within one protocol, which takes the others' examples for its own rules
     */
    Coverage(Question q, Index index, boolean withLinked) {
        this.index = index;
        this.withLinked = withLinked;
        List<Question.Word> words = q.words();
        int n = words.size();
        weights = new double[n];
        context = new boolean[n];
        termIds = new int[n][];
        credits = new double[n][];
        double t = 0;
        double s = 0;
        for (int k = 0; k < n; k++) {
            Question.Word w = words.get(k);
            weights[k] = w.weight();
            context[k] = w.context();
            termIds[k] = w.terms().stream().mapToInt(x -> index.termId(x.term())).toArray();
            credits[k] = w.terms().stream().mapToDouble(x -> x.source().credit).toArray();
            t += w.weight();
            s += w.context() ? 0 : w.weight();
        }
        total = t;
        specificTotal = s;
    }

    /** The share of the question an article's title, section and text cover. */
    Share ofArticle(int doc) {
        return share(index.allTerms[doc]);
    }

    /**
     * The share an article covers with its text and all its example questions together; a word found in only one of
     * its examples counts for {@link #INCIDENTAL_CREDIT}.
     */
    Share ofArticleAndExamples(int doc) {
        double all = 0;
        double specific = 0;
        for (int k = 0; k < weights.length; k++) {
            double best = 0;
            for (int i = 0; i < termIds[k].length; i++) {
                if (credits[k][i] <= best) {
                    continue;
                }
                int found = index.inArticleOrExamples(doc, termIds[k][i], withLinked);
                double credit = found == Index.FULLY ? credits[k][i]
                        : found == Index.INCIDENTALLY ? credits[k][i] * INCIDENTAL_CREDIT : 0;
                best = Math.max(best, credit);
            }
            all += weights[k] * (context[k] ? 1 : best);
            specific += context[k] ? 0 : weights[k] * best;
        }
        return new Share(ratio(all, total), ratio(specific, specificTotal));
    }

    /** The share one example or out-of-scope question covers. */
    Share ofQuestion(int doc) {
        return share(index.questionTerms[doc]);
    }

    /** Whether the question holds any word beyond those naming the corpus's subject. */
    boolean hasSpecificWords() {
        return specificTotal > 0;
    }

    private Share share(int[] docTerms) {
        double all = 0;
        double specific = 0;
        for (int k = 0; k < weights.length; k++) {
            double best = 0;
            for (int i = 0; i < termIds[k].length; i++) {
                if (credits[k][i] > best && Index.contains(docTerms, termIds[k][i])) {
                    best = credits[k][i];
                }
            }
            all += weights[k] * (context[k] ? 1 : best);
            specific += context[k] ? 0 : weights[k] * best;
        }
        return new Share(ratio(all, total), ratio(specific, specificTotal));
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }
}
