package nl.protocolbot.search;

import java.util.List;

/**
 * The search's switches and parameters. {@link #DEFAULT} is what the product runs; the other values exist so that
 * {@code eval --ablation} can measure what each step adds.
 *
 * @param baseline      plain BM25 over Lucene's stock {@code DutchAnalyzer}, no other step
 * @param stemOverrides reviewed inflections Snowball misses (foto's, klassen, deelt, gepost)
 * @param decompound    split compounds (klassenfoto → klas + foto)
 * @param synonyms      query-time synonyms from the corpus's {@code synonyms.txt}
 * @param fuzzy         typo tolerance for words the index does not know
 * @param fields        weigh the article title above the body, and reward query words that stand near each other
 * @param relevance     rank by how much of the question an article covers, and answer nothing when too little is
 * @param diversify     group near-identical rules from several protocols into one answer
 * @param k1            BM25 k1
 * @param b             BM25 b
 */
public record Tuning(boolean baseline, boolean stemOverrides, boolean decompound, boolean synonyms, boolean fuzzy,
                     boolean fields, boolean relevance, boolean diversify, float k1, float b) {

    public static final Tuning DEFAULT = new Tuning(false, true, true, true, true, true, true, true, 0.9f, 0.4f);

    /** Plain BM25 with Lucene's DutchAnalyzer: the reference the issue measures from. */
    public static final Tuning BASELINE = new Tuning(true, false, false, false, false, false, false, false, 1.2f, 0.75f);

    /** A named configuration of the ablation table. */
    public record Step(String name, Tuning tuning) {
    }

    /** Baseline, then each step added on top of the previous ones, ending at {@link #DEFAULT}. */
    public static List<Step> ablation() {
        Tuning own = new Tuning(false, false, false, false, false, false, false, false, 1.2f, 0.75f);
        Tuning s1 = with(own, 1);
        Tuning s2 = with(s1, 2);
        Tuning s3 = with(s2, 3);
        Tuning s4 = with(s3, 4);
        Tuning s5 = with(s4, 5);
        Tuning s6 = with(s5, 6);
        Tuning s7 = with(s6, 7);
        return List.of(
                new Step("DutchAnalyzer, BM25 (baseline)", BASELINE),
                new Step("own chain: accent folding, apostrophes, stop words", own),
                new Step("+ stemming fixes (StemmerOverrideFilter)", s1),
                new Step("+ decompounding", s2),
                new Step("+ synonyms", s3),
                new Step("+ typo tolerance (for unknown words)", s4),
                new Step("+ title weight and proximity", s5),
                new Step("+ coverage ranking and 'no relevant article'", s6),
                new Step("+ grouping of near-identical rules", s7),
                new Step("+ BM25 k1/b tuned (= product default)", DEFAULT));
    }

    private static Tuning with(Tuning t, int step) {
        return new Tuning(false,
                t.stemOverrides || step == 1,
                t.decompound || step == 2,
                t.synonyms || step == 3,
                t.fuzzy || step == 4,
                t.fields || step == 5,
                t.relevance || step == 6,
                t.diversify || step == 7,
                t.k1, t.b);
    }
}
