package nl.protocolbot.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which steps of the search run, and its BM25 parameters. {@link #DEFAULT} is what the product runs; the other
 * values exist so that {@code eval --ablation} can measure what each step adds.
 *
 * @param steps the steps switched on
 * @param k1    BM25 k1
 * @param b     BM25 b
 */
public record Tuning(Set<Tuning.Step> steps, float k1, float b) {

    /** The steps of the search, in the order the ablation adds them. */
    public enum Step {
        /** Own analysis chain (accent folding, apostrophes, stop words) instead of Lucene's DutchAnalyzer. */
        ANALYSIS("own chain: accent folding, apostrophes, stop words"),
        /** Lemmas from LanguageTool's Dutch dictionary; Snowball only for words it does not know. */
        LEXICON("+ lexicon lemmas (morfologik, LanguageTool's Dutch dictionary)"),
        /** Compounds split into known words (klassenfoto → klas + foto). */
        COMPOUNDS("+ compound splitting into known words"),
        /** Query-time synonyms from the corpus's synonyms.txt. */
        SYNONYMS("+ synonyms"),
        /** Typo and accent correction of unknown words against the corpus vocabulary. */
        TYPOS("+ typo tolerance (for unknown words)"),
        /** The article title weighs more; question words that stand near each other in an article add to it. */
        FIELDS("+ title weight and proximity"),
        /** The example questions of each article are searched along with its text, and the rankings fused. */
        EXAMPLES("+ example questions"),
        /** Rank by how much of the question an article covers; answer nothing when too little is covered. */
        COVERAGE("+ coverage ranking and 'no relevant article'"),
        /** The answer/no-answer decision weighs the out-of-scope examples and discounts platform words. */
        OUT_OF_SCOPE("+ out-of-scope questions in the decision"),
        /** Near-identical rules from several protocols are grouped into one answer. */
        GROUPING("+ grouping of near-identical rules");

        private final String label;

        Step(String label) {
            this.label = label;
        }
    }

    public Tuning {
        // An EnumSet answers has() with a bit test: it is asked for every candidate of every question.
        steps = Collections.unmodifiableSet(steps.isEmpty() ? EnumSet.noneOf(Step.class) : EnumSet.copyOf(steps));
    }

    /**
     * Every step, with Lucene's default BM25 parameters (k1 1.2, b 0.75). The values tuned for the search before
     * the example questions (k1 0.9, b 0.4) measured worse with them (docs/quality.md).
     */
    public static final Tuning DEFAULT = new Tuning(EnumSet.allOf(Step.class), 1.2f, 0.75f);

    /** Plain BM25 with Lucene's DutchAnalyzer: the reference the issue measures from. */
    public static final Tuning BASELINE = new Tuning(Set.of(), 1.2f, 0.75f);

    public boolean has(Step step) {
        return steps.contains(step);
    }

    /** A named configuration of the ablation table. */
    public record Row(String name, Tuning tuning) {
    }

    /** Baseline, then each step added on top of the previous ones; the last row is {@link #DEFAULT}. */
    public static List<Row> ablation() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("DutchAnalyzer, BM25 (baseline)", BASELINE));
        EnumSet<Step> on = EnumSet.noneOf(Step.class);
        for (Step s : Step.values()) {
            on.add(s);
            rows.add(new Row(s.label, new Tuning(on, DEFAULT.k1, DEFAULT.b)));
        }
        return rows;
    }
}
