package nl.protocolbot.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.LinkCorrection;

/**
 * Which articles of different protocols state the same rule, so that the example questions written for one also
 * serve the other: the situations staff ask about are the same at every school, and a protocol that has just arrived
 * has no example questions of its own.
 * <p>
 * Computed from the text and the existing examples: each article is a profile of its text's terms and, at
 * {@link #EXAMPLE_SHARE} of that weight, the terms of its example questions (each term weighed by its IDF over the
 * articles and examples, and by the share of the examples that use it). For every article and every other protocol,
 * that protocol's article with the most alike profile (cosine) is linked to it, when at least
 * {@link #MIN_SIMILARITY} alike, or {@link #MIN_MUTUAL_SIMILARITY} when each is the other's most alike (a long rule
 * and a short one say the same in few shared words). Links go both ways. Then the communication department's corrections
 * ({@code links.txt}) add or remove pairs: a wrong link is fixed in one place.
 * <p>
 * Written here rather than taken from Lucene's MoreLikeThis: that ranks documents for one query document and needs
 * the term vectors stored, where this compares every pair of articles once, on the term sets the index has already
 * read, at start-up.
 */
final class Links {
    /** Below this cosine, an article's most alike article in another protocol is not linked: that protocol is silent. */
    static final double MIN_SIMILARITY = 0.2;
    /** Two articles that are each other's most alike in the other's protocol are linked from this cosine on. */
    static final double MIN_MUTUAL_SIMILARITY = 0.1;
    /**
     * Links are computed by comparing every pair of articles, up to this many articles (some 50 protocols): that takes
     * about a second. A larger corpus gets only the links of {@code links.txt}.
     */
    static final int MAX_ARTICLES = 5_000;
    /** The weight of an article's example questions in its profile, against its text's. */
    static final double EXAMPLE_SHARE = 0.5;

    /**
     * A link between two articles of different protocols.
     *
     * @param a          an article (index document)
     * @param b          the other article, of another protocol
     * @param similarity how alike their profiles are (0 to 1); 1 for a link made by hand
     * @param byHand     whether {@code links.txt} made it
     */
    record Link(int a, int b, double similarity, boolean byHand) {
    }

    private Links() {
    }

    /**
     * @param articles        the articles, by index document
     * @param textTerms       per article, the sorted term IDs of its text
     * @param exampleTerms    per example question, the sorted term IDs of the question
     * @param exampleArticle  per example question, its article (index document)
     * @param corrections     the corrections of {@code links.txt}
     * @param docOf           article ID to index document
     */
    static List<Link> compute(Article[] articles, int[][] textTerms, int[][] exampleTerms, int[] exampleArticle,
                              List<LinkCorrection> corrections, Map<String, Integer> docOf) {
        Map<Long, Link> links = new HashMap<>();
        Map<String, List<Integer>> byProtocol = new HashMap<>();
        for (int d = 0; d < articles.length; d++) {
            byProtocol.computeIfAbsent(articles[d].protocol(), k -> new ArrayList<>()).add(d);
        }
        List<String> slugs = new ArrayList<>(byProtocol.keySet());
        int[] protocolOf = new int[articles.length];
        for (int d = 0; d < articles.length; d++) {
            protocolOf[d] = slugs.indexOf(articles[d].protocol());
        }
        // per article and protocol, that protocol's most alike article; only when the corpus is small enough for
        // comparing every pair (see MAX_ARTICLES)
        int compared = articles.length <= MAX_ARTICLES ? articles.length : 0;
        double[][] profiles = new double[compared][];
        int[][] profileTerms = new int[compared][];
        if (compared > 0) {
            profiles(textTerms, exampleTerms, exampleArticle, profileTerms, profiles);
        }
        int[][] best = new int[compared][slugs.size()];
        double[][] bestSimilarity = new double[compared][slugs.size()];
        for (int[] row : best) {
            Arrays.fill(row, -1);
        }
        for (int a = 0; a < compared; a++) {
            for (int b = a + 1; b < compared; b++) {
                if (protocolOf[a] != protocolOf[b]) {
                    double s = cosine(profileTerms[a], profiles[a], profileTerms[b], profiles[b]);
                    keepBest(best, bestSimilarity, a, protocolOf[b], b, s);
                    keepBest(best, bestSimilarity, b, protocolOf[a], a, s);
                }
            }
        }
        for (int a = 0; a < compared; a++) {
            for (int p = 0; p < slugs.size(); p++) {
                int b = best[a][p];
                double s = bestSimilarity[a][p];
                boolean mutual = b >= 0 && best[b][protocolOf[a]] == a;
                if (b >= 0 && (s >= MIN_SIMILARITY || mutual && s >= MIN_MUTUAL_SIMILARITY)) {
                    links.putIfAbsent(key(a, b), new Link(Math.min(a, b), Math.max(a, b), s, false));
                }
            }
        }
        for (LinkCorrection c : corrections) {
            int a = docOf.get(c.first());
            int b = docOf.get(c.second());
            if (c.linked()) {
                links.put(key(a, b), new Link(Math.min(a, b), Math.max(a, b), 1, true));
            } else {
                links.remove(key(a, b));
            }
        }
        List<Link> out = new ArrayList<>(links.values());
        out.sort((x, y) -> x.a() != y.a() ? Integer.compare(x.a(), y.a()) : Integer.compare(x.b(), y.b()));
        return out;
    }

    private static void keepBest(int[][] best, double[][] bestSimilarity, int a, int protocol, int b, double s) {
        if (s > bestSimilarity[a][protocol]) {
            best[a][protocol] = b;
            bestSimilarity[a][protocol] = s;
        }
    }

    private static long key(int a, int b) {
        return (long) Math.min(a, b) << 32 | Math.max(a, b);
    }

    /** Each article's profile as sorted term IDs and their unit-length weights. */
    private static void profiles(int[][] textTerms, int[][] exampleTerms, int[] exampleArticle, int[][] termsOut,
                                 double[][] weightsOut) {
        Map<Integer, Integer> df = new HashMap<>();
        for (int[] terms : textTerms) {
            Arrays.stream(terms).forEach(t -> df.merge(t, 1, Integer::sum));
        }
        for (int[] terms : exampleTerms) {
            Arrays.stream(terms).forEach(t -> df.merge(t, 1, Integer::sum));
        }
        int n = textTerms.length + exampleTerms.length;
        List<Map<Integer, Double>> examples = new ArrayList<>();
        int[] exampleCount = new int[textTerms.length];
        for (int d = 0; d < textTerms.length; d++) {
            examples.add(new HashMap<>());
        }
        for (int q = 0; q < exampleTerms.length; q++) {
            exampleCount[exampleArticle[q]]++;
            Map<Integer, Double> m = examples.get(exampleArticle[q]);
            Arrays.stream(exampleTerms[q]).forEach(t -> m.merge(t, 1.0, Double::sum));
        }
        for (int d = 0; d < textTerms.length; d++) {
            Map<Integer, Double> text = new HashMap<>();
            for (int t : textTerms[d]) {
                text.put(t, idf(n, df.get(t)));
            }
            Map<Integer, Double> profile = unit(text);
            if (exampleCount[d] > 0) {
                Map<Integer, Double> ex = new HashMap<>();
                int count = exampleCount[d];
                examples.get(d).forEach((t, c) -> ex.put(t, c / count * idf(n, df.get(t))));
                unit(ex).forEach((t, w) -> profile.merge(t, EXAMPLE_SHARE * w, Double::sum));
                profile.putAll(unit(profile));
            }
            int[] terms = profile.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            termsOut[d] = terms;
            weightsOut[d] = Arrays.stream(terms).mapToDouble(profile::get).toArray();
        }
    }

    private static double idf(int n, int df) {
        return Math.log(1 + (double) n / df);
    }

    private static Map<Integer, Double> unit(Map<Integer, Double> v) {
        double norm = Math.sqrt(v.values().stream().mapToDouble(x -> x * x).sum());
        Map<Integer, Double> out = new HashMap<>();
        v.forEach((t, w) -> out.put(t, norm == 0 ? 0 : w / norm));
        return out;
    }

    /** The dot product of two unit vectors given as sorted term IDs and weights. */
    private static double cosine(int[] at, double[] aw, int[] bt, double[] bw) {
        double sum = 0;
        int i = 0;
        int j = 0;
        while (i < at.length && j < bt.length) {
            if (at[i] == bt[j]) {
                sum += aw[i++] * bw[j++];
            } else if (at[i] < bt[j]) {
                i++;
            } else {
                j++;
            }
        }
        return sum;
    }
}
