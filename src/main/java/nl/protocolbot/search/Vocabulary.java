package nl.protocolbot.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.Example;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;

/**
 * The words of the corpus as written (articles, titles, example and out-of-scope questions, word lists), lower case.
 * A question word the lexicon does not know is looked up here: typed without its accent ({@code prive} for
 * {@code privé}), or with a typo ({@code instagarm}), it is corrected to the corpus word it is closest to.
 */
final class Vocabulary {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final Set<String> words;
    /** Accent-free form → the word as written. */
    private final Map<String, String> byFolded;
    private final Typos typos;

    /**
     * @param known whether the lexicon knows a word: of two spellings that differ only in accents, the one it knows
     *              wins ({@code privé} over the {@code prive} of a word list)
     */
    private Vocabulary(Set<String> words, java.util.function.Predicate<String> known) {
        this.words = Set.copyOf(words);
        Map<String, String> folded = new HashMap<>();
        for (String w : words) {
            folded.merge(fold(w), w, (a, b) -> known.test(a) != known.test(b) ? (known.test(a) ? a : b)
                    : a.compareTo(b) <= 0 ? a : b);
        }
        this.byFolded = Map.copyOf(folded);
        this.typos = new Typos(byFolded.keySet());
    }

    static Vocabulary of(Corpus corpus, Analyzer surface, CharArraySet stopwords, Lexicon lexicon) {
        StringBuilder text = new StringBuilder();
        for (Article a : corpus.articles()) {
            text.append(a.title()).append('\n').append(a.text()).append('\n');
        }
        for (Example e : corpus.examples()) {
            text.append(e.question()).append('\n');
        }
        corpus.outOfScope().forEach(q -> text.append(q).append('\n'));
        corpus.synonyms().ifPresent(f -> text.append(f.content()).append('\n'));
        corpus.topics().ifPresent(f -> text.append(f.content()).append('\n'));
        Set<String> words = new HashSet<>();
        for (String w : Analysis.terms(surface, text.toString())) {
            if (w.length() >= 2 && !stopwords.contains(w) && w.chars().allMatch(Character::isLetter)) {
                words.add(w);
            }
        }
        Lexicon.Lookup lookup = lexicon.lookup();
        return new Vocabulary(words, lookup::knows);
    }

    boolean contains(String word) {
        return words.contains(word);
    }

    /** The corpus word that differs from {@code word} only in accents, if any. */
    String withAccents(String word) {
        String w = byFolded.get(fold(word));
        return w == null || w.equals(word) ? null : w;
    }

    /** Corpus words within {@code maxEdits} of {@code word} (accents ignored), closest first, at most {@code max}. */
    List<String> near(String word, int maxEdits, int max) {
        List<String> out = new ArrayList<>();
        for (String f : typos.near(fold(word), maxEdits, max)) {
            out.add(byFolded.get(f));
        }
        return out;
    }

    static String fold(String word) {
        return MARKS.matcher(Normalizer.normalize(word, Normalizer.Form.NFD)).replaceAll("");
    }
}
