package nl.protocolbot.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Locale;
import java.util.Set;
import morfologik.stemming.Dictionary;
import morfologik.stemming.DictionaryLookup;

/**
 * Decides how two lines of a PDF join when the first ends in a hyphen: a word broken by hyphenation
 * ({@code onderwijs-} / {@code klimaat} → {@code onderwijsklimaat}), a hyphen that is part of the text
 * ({@code e-} / {@code mail}, {@code MS-} / {@code 365}) or the elliptic hyphen of "school- en onderwijsklimaat".
 * The document's own spelling elsewhere decides first; then the Dutch lexicon (LanguageTool's morfologik dictionary, as
 * the search uses) tells which words exist. Written here because no library undoes hyphenation.
 */
final class Hyphens {
    private static final String RESOURCE = "/org/languagetool/resource/nl/dutch.dict";
    /** Words after which a trailing hyphen is elliptic: "school- en onderwijsklimaat", "foto- of filmopnamen". */
    private static final Set<String> ELLIPTIC = Set.of("en", "of", "tot", "noch", "en/of", "t/m", "als");

    private final Dictionary dictionary;
    /** The words of a document's lines, in lower case (hyphenated ones included): evidence of how it spells a word. */
    static java.util.Set<String> words(java.util.Collection<String> lines) {
        java.util.Set<String> words = new java.util.HashSet<>();
        for (String line : lines) {
            for (String w : line.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}-]+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        return words;
    }

    Hyphens() {
        URL url = Hyphens.class.getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("the Dutch dictionary " + RESOURCE + " is missing from the class path");
        }
        try {
            this.dictionary = Dictionary.read(url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Joins {@code first}, which ends in a hyphen, and the line after it; {@code documentWords} (from
     * {@link #words}) tells how the document itself spells the word elsewhere.
     */
    String join(String first, String next, java.util.Set<String> documentWords) {
        String head = first.stripTrailing();
        String rest = next.stripLeading();
        if (head.endsWith("\u00AD")) {
            return head.substring(0, head.length() - 1) + rest;
        }
        String before = lastWord(head.substring(0, head.length() - 1));
        String after = firstWord(rest);
        if (before.isEmpty() || after.isEmpty() || ELLIPTIC.contains(after.toLowerCase(Locale.ROOT))) {
            return head + " " + rest;
        }
        DictionaryLookup lookup = new DictionaryLookup(dictionary);
        String joined = before + after;
        String lowerJoined = joined.toLowerCase(Locale.ROOT);
        if (documentWords.contains(lowerJoined)) {
            return head.substring(0, head.length() - 1) + rest;
        }
        if (documentWords.contains((before + "-" + after).toLowerCase(Locale.ROOT))
                || known(lookup, before + "-" + after)) {
            return head + rest;
        }
        // Office programs do not hyphenate unless told to: a break between two words is a hyphen of the text
        // ("privé-" / "mening"), a break inside a word ("ge-" / "drag") is hyphenation
        if (known(lookup, joined) && !(known(lookup, before) && known(lookup, after))) {
            return head.substring(0, head.length() - 1) + rest;
        }
        return head + rest;
    }

    private static boolean known(DictionaryLookup lookup, String word) {
        return !lookup.lookup(word.toLowerCase(Locale.ROOT)).isEmpty() || !lookup.lookup(word).isEmpty();
    }

    private static String lastWord(String s) {
        int i = s.length();
        while (i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))) {
            i--;
        }
        return s.substring(i);
    }

    private static String firstWord(String s) {
        int i = 0;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '/')) {
            i++;
        }
        return s.substring(0, i);
    }


}
