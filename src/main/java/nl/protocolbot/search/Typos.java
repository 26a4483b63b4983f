package nl.protocolbot.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Typo tolerance against the index's own vocabulary: the terms within one or two edits (insertion, deletion,
 * substitution, or a swap of two neighbouring letters) of an unknown word, with the same first letter.
 *
 * <p>Lucene's {@code FuzzyQuery} finds the same terms, but builds a Levenshtein automaton for every query; measured
 * here (docs/quality.md), that alone took longer than the rest of an answer. The vocabulary of a protocol corpus is
 * a few thousand terms, so comparing against the terms that share the first letter and a similar length is cheaper.
 */
final class Typos {
    private final Map<Character, String[]> byFirstLetter = new HashMap<>();

    Typos(Collection<String> vocabulary) {
        Map<Character, List<String>> groups = new HashMap<>();
        for (String t : vocabulary) {
            if (!t.isEmpty()) {
                groups.computeIfAbsent(t.charAt(0), c -> new ArrayList<>()).add(t);
            }
        }
        groups.forEach((c, terms) -> byFirstLetter.put(c, terms.toArray(new String[0])));
    }

    /** Up to {@code max} vocabulary terms within {@code maxEdits} of {@code word}, closest first. */
    List<String> near(String word, int maxEdits, int max) {
        String[] candidates = word.isEmpty() ? null : byFirstLetter.get(word.charAt(0));
        if (candidates == null) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        List<Integer> distances = new ArrayList<>();
        for (String t : candidates) {
            if (Math.abs(t.length() - word.length()) > maxEdits || t.equals(word)) {
                continue;
            }
            int d = distance(word, t, maxEdits);
            if (d <= maxEdits) {
                found.add(t);
                distances.add(d);
            }
        }
        Integer[] order = new Integer[found.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(distances::get));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < order.length && i < max; i++) {
            out.add(found.get(order[i]));
        }
        return out;
    }

    /**
     * Optimal-string-alignment distance (Levenshtein plus swaps of neighbouring letters), or {@code max + 1} as soon
     * as it must exceed {@code max}.
     */
    static int distance(String a, String b, int max) {
        int n = a.length();
        int m = b.length();
        int[] prev2 = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }
}
