package nl.protocolbot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import morfologik.stemming.Dictionary;
import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.WordData;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.morfologik.MorfologikFilter;
import org.apache.lucene.analysis.morfologik.MorphosyntacticTagsAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * LanguageTool's Dutch morphological dictionary ({@code org.languagetool:dutch-pos-dict}, LGPL-2.1, in morfologik
 * format): millions of word forms with their lemmas and parts of speech ({@code gecontroleerd → controleren},
 * {@code plaatje → plaat}, {@code foto's → foto}). The search uses it three ways: lemmas at index and query time
 * (through Lucene's {@link MorfologikFilter}), the word list that decides whether a compound's parts are words, and
 * the test of whether a question word is a word at all or a typo.
 */
final class Lexicon {
    private static final String RESOURCE = "/org/languagetool/resource/nl/dutch.dict";

    private final Dictionary dictionary;

    private Lexicon(Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** The Dutch lexicon. Its 13 MB automaton is immutable: it is read once per JVM and shared by every index. */
    static Lexicon dutch() {
        return Holder.DUTCH;
    }

    private static final class Holder {
        static final Lexicon DUTCH = load();

        private static Lexicon load() {
            URL url = Lexicon.class.getResource(RESOURCE);
            if (url == null) {
                throw new IllegalStateException("the Dutch dictionary " + RESOURCE + " is missing from the class path");
            }
            try {
                return new Lexicon(Dictionary.read(url));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Replaces each word the lexicon knows by its lemmas (several when the form is ambiguous: {@code ouders → ouder,
     * oud}) and marks them as keywords, so that a stemmer further down the chain stems only the words it does not know.
     */
    TokenStream lemmas(TokenStream in) {
        return new KnownAsKeyword(new MorfologikFilter(in, dictionary));
    }

    /**
     * Replaces each word the lexicon knows by one lemma, marked as a keyword: the word itself when it is a lemma
     * ({@code pers}, not the verb {@code persen}), else the dictionary's first. For word lists, whose parser takes
     * one term per word.
     */
    TokenStream lemma(TokenStream in) {
        return new OneLemma(in, lookup());
    }

    /** Word lookups for one thread: morfologik's lookup object reuses its buffers and is not thread-safe. */
    Lookup lookup() {
        return new Lookup(new DictionaryLookup(dictionary));
    }

    static final class Lookup {
        private final DictionaryLookup lookup;

        private Lookup(DictionaryLookup lookup) {
            this.lookup = lookup;
        }

        /** Whether the lexicon knows this lower-case form, in any reading. */
        boolean knows(CharSequence word) {
            return !lookup.lookup(word).isEmpty();
        }

        /**
         * Whether the form is a noun, verb or adjective: a possible part of a compound. Function words
         * ({@code toe}, {@code over}, {@code mede}) join other words into new words, not into compounds.
         */
        boolean isContentWord(CharSequence word) {
            for (WordData w : lookup.lookup(word)) {
                CharSequence tag = w.getTag();
                if (tag != null && (startsWith(tag, "ZNW") || startsWith(tag, "WKW") || startsWith(tag, "BNW"))) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the form can be a noun. */
        boolean isNoun(CharSequence word) {
            return isContentWord(word, "ZNW");
        }

        /** Whether the form has a reading of this part of speech (ZNW noun, WKW verb, BNW adjective). */
        boolean isContentWord(CharSequence word, String partOfSpeech) {
            for (WordData w : lookup.lookup(word)) {
                if (w.getTag() != null && startsWith(w.getTag(), partOfSpeech)) {
                    return true;
                }
            }
            return false;
        }

        /** The lemmas of a lower-case form, in the dictionary's order; empty when it is unknown. */
        List<String> lemmas(CharSequence word) {
            List<String> out = new ArrayList<>();
            for (WordData w : lookup.lookup(word)) {
                String lemma = w.getStem().toString();
                if (!out.contains(lemma)) {
                    out.add(lemma);
                }
            }
            return out;
        }

        private static boolean startsWith(CharSequence s, String prefix) {
            return s.length() >= prefix.length() && s.subSequence(0, prefix.length()).toString().equals(prefix);
        }
    }

    /** One lemma per known word (see {@link #lemma}). */
    private static final class OneLemma extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
        private final Lookup lookup;

        OneLemma(TokenStream in, Lookup lookup) {
            super(in);
            this.lookup = lookup;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            String word = term.toString();
            List<String> lemmas = lookup.lemmas(word);
            keyword.setKeyword(!lemmas.isEmpty());
            if (!lemmas.isEmpty() && !lemmas.contains(word)) {
                term.setEmpty().append(lemmas.get(0));
            }
            return true;
        }
    }

    /** Marks the lemmas {@link MorfologikFilter} found (their tags are set) as keywords; leaves unknown words. */
    private static final class KnownAsKeyword extends TokenFilter {
        private final MorphosyntacticTagsAttribute tags = addAttribute(MorphosyntacticTagsAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

        KnownAsKeyword(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            keyword.setKeyword(tags.getTags() != null && !tags.getTags().isEmpty());
            return true;
        }
    }
}
