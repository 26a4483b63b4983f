package nl.protocolbot.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;

/**
 * Lucene's dictionary decompounder, restricted to splits of the whole word into known words.
 *
 * <p>The stock filter emits every dictionary word found inside a token, so {@code ouderportaal} also yields
 * {@code taal}. This subclass keeps the stock filter's size limits and token emission, and only changes which parts
 * are chosen: a segmentation of the whole word into two to four parts that are each a word (a noun, verb or adjective
 * of the lexicon, or a word of the corpus), with the Dutch linking letters {@code s} and {@code e} allowed between
 * parts ({@code vriendschap-s-verzoek}). When there are several, the one with the fewest and then the longest leading
 * parts wins. In the index chain only words the lexicon does not know are split ({@code privémening}); a word it
 * knows ({@code toestemming}) is never cut into {@code toe + stemming}.
 */
final class CompoundSplitter extends DictionaryCompoundWordTokenFilter {
    static final int MIN_WORD = 6;
    static final int MIN_PART = 3;
    static final int MAX_PART = 20;
    private static final int MAX_PARTS = 4;

    private final Predicate<CharSequence> isPart;
    private final Predicate<CharSequence> keepWhole;

    /**
     * @param isPart    whether a piece of a word is a word on its own
     * @param keepWhole whether a word is left whole without trying (a word the lexicon knows)
     */
    CompoundSplitter(TokenStream input, Predicate<CharSequence> isPart, Predicate<CharSequence> keepWhole) {
        super(input, CharArraySet.EMPTY_SET, MIN_WORD, MIN_PART, MAX_PART, false);
        this.isPart = isPart;
        this.keepWhole = keepWhole;
    }

    @Override
    protected void decompose() {
        String word = termAtt.toString();
        if (keepWhole.test(word)) {
            return;
        }
        int start = 0;
        for (String part : split(word, isPart)) {
            int at = word.indexOf(part, start);
            tokens.add(new CompoundToken(at, part.length()));
            start = at + part.length();
        }
    }

    /** The parts of a compound, or an empty list when the word has no segmentation into known words. */
    static List<String> split(String word, Predicate<CharSequence> isPart) {
        int len = word.length();
        if (len < MIN_WORD) {
            return List.of();
        }
        // best[i]: fewest parts covering word[i..len); next[i]: end of the first part from i; resume[i]: after its link
        int[] best = new int[len + 1];
        int[] next = new int[len + 1];
        int[] resume = new int[len + 1];
        Arrays.fill(best, Integer.MAX_VALUE);
        best[len] = 0;
        for (int i = len - MIN_PART; i >= 0; i--) {
            for (int j = Math.min(len, i + MAX_PART); j >= i + MIN_PART; j--) {
                if (best[j] == Integer.MAX_VALUE && (j + 1 > len || best[j + 1] == Integer.MAX_VALUE)) {
                    continue; // nothing known after this piece: no need to look it up
                }
                if (!isPart.test(word.subSequence(i, j))) {
                    continue;
                }
                for (int link = 0; link <= 1 && j + link <= len; link++) {
                    int after = j + link;
                    if (link == 1 && word.charAt(j) != 's' && word.charAt(j) != 'e' || i == 0 && after == len) {
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
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < len; i = resume[i]) {
            parts.add(word.substring(i, next[i]));
        }
        return parts;
    }
}
