package nl.protocolbot.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.Example;

/**
 * The example questions as the communication department wrote (or taught, with {@code learn} or "Koppel aan
 * artikel") them: a question asked again as taught, whatever its capitals, accents and punctuation and with at most
 * one typo, is answered with the taught article first, whatever the rest of the search says. Teaching must always
 * teach. Immutable.
 */
final class Taught {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    /** Questions shorter than this (as compared) must match exactly: one letter more or less changes a short one. */
    static final int MIN_LENGTH_FOR_TYPO = 12;

    private final Map<String, List<String>> articlesByKey = new HashMap<>();
    /** The keys by length, for the one-typo comparison (an edit changes the length by at most one). */
    private final Map<Integer, List<String>> keysByLength = new HashMap<>();

    Taught(Corpus corpus) {
        for (Example e : corpus.examples()) {
            String key = key(e.question());
            if (key.isEmpty()) {
                continue;
            }
            List<String> ids = articlesByKey.computeIfAbsent(key, k -> new ArrayList<>());
            if (ids.isEmpty()) {
                keysByLength.computeIfAbsent(key.length(), k -> new ArrayList<>()).add(key);
            }
            if (!ids.contains(e.articleId())) {
                ids.add(e.articleId());
            }
        }
    }

    /**
     * The articles a question was taught for, within the protocol when one is given, in file order; empty when the
     * question is no example question (nor one typo away from one).
     */
    List<String> articles(String question, Optional<String> protocol) {
        String key = key(question);
        List<String> ids = articlesByKey.get(key);
        if (ids == null && key.length() >= MIN_LENGTH_FOR_TYPO) {
            ids = oneTypoAway(key);
        }
        if (ids == null) {
            return List.of();
        }
        return ids.stream().filter(id -> protocol.isEmpty() || id.startsWith(protocol.get() + "/")).toList();
    }

    private List<String> oneTypoAway(String key) {
        for (int length = key.length() - 1; length <= key.length() + 1; length++) {
            for (String candidate : keysByLength.getOrDefault(length, List.of())) {
                if (withinOneEdit(key, candidate)) {
                    return articlesByKey.get(candidate);
                }
            }
        }
        return null;
    }

    /**
     * Whether two strings differ by at most one inserted, deleted or replaced character. Written here rather than
     * with Lucene's {@code LevenshteinAutomata}: that compiles an automaton for every question asked, which cost as
     * much as the rest of the search; one edit between two given strings is a single scan from both ends.
     */
    static boolean withinOneEdit(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int start = 0;
        while (start < a.length() && start < b.length() && a.charAt(start) == b.charAt(start)) {
            start++;
        }
        int endA = a.length();
        int endB = b.length();
        while (endA > start && endB > start && a.charAt(endA - 1) == b.charAt(endB - 1)) {
            endA--;
            endB--;
        }
        return endA - start <= 1 && endB - start <= 1;
    }

    /** Accents removed, lower case, every run of other characters than letters and digits one space, trimmed. */
    static String key(String question) {
        String n = MARKS.matcher(Normalizer.normalize(question, Normalizer.Form.NFKD)).replaceAll("");
        return NON_ALNUM.matcher(n.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
