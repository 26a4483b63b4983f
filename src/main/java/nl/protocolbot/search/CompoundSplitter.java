package nl.protocolbot.search;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;

/**
 * Lucene's dictionary decompounder, restricted to splits that cover the whole word.
 *
 * <p>The stock filter emits every dictionary word found inside a token, so {@code ouderportaal} also yields
 * {@code taal}. This subclass keeps the stock filter's dictionary, size limits and token emission, and only
 * changes which parts are chosen: a segmentation of the whole word into two to four dictionary words, with
 * the Dutch linking letters {@code s} and {@code e} allowed between parts ({@code vriendschap-s-verzoek}).
 * When there are several, the one with the fewest and then the longest leading parts wins. A word without
 * such a segmentation is left whole.
 */
final class CompoundSplitter extends DictionaryCompoundWordTokenFilter {
    static final int MIN_WORD = 6;
    static final int MIN_PART = 3;
    static final int MAX_PART = 20;
    private static final int MAX_PARTS = 4;

    CompoundSplitter(TokenStream input, CharArraySet dictionary) {
        super(input, dictionary, MIN_WORD, MIN_PART, MAX_PART, false);
    }

    @Override
    protected void decompose() {
        char[] buf = termAtt.buffer();
        int len = termAtt.length();
        // best[i]: fewest parts covering buf[i..len); next[i]: end of the first part from i; resume[i]: after its link
        int[] best = new int[len + 1];
        int[] next = new int[len + 1];
        int[] resume = new int[len + 1];
        java.util.Arrays.fill(best, Integer.MAX_VALUE);
        best[len] = 0;
        for (int i = len - MIN_PART; i >= 0; i--) {
            for (int j = Math.min(len, i + MAX_PART); j >= i + MIN_PART; j--) {
                if (!dictionary.contains(buf, i, j - i)) {
                    continue;
                }
                for (int link = 0; link <= 1 && j + link <= len; link++) {
                    int after = j + link;
                    if (link == 1 && buf[j] != 's' && buf[j] != 'e' || i == 0 && after == len) {
                        continue; // only s and e link parts; the whole word is not a split of itself
                    }
                    if (best[after] != Integer.MAX_VALUE && best[after] + 1 < best[i]) {
                        best[i] = best[after] + 1;
                        next[i] = j;
                        resume[i] = after;
                    }
                }
            }
        }
        if (best[0] < 2 || best[0] > MAX_PARTS) {
            return;
        }
        int i = 0;
        while (i < len) {
            tokens.add(new CompoundToken(i, next[i] - i));
            i = resume[i];
        }
    }
}
