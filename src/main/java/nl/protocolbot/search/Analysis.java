package nl.protocolbot.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusException;
import nl.protocolbot.corpus.Problem;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.tartarus.snowball.ext.DutchStemmer;

/**
 * The Dutch analysis chains, built from Lucene's components:
 * <ol>
 *   <li>{@link StandardTokenizer}, lower case, apostrophes ({@code foto's → foto}, {@code don'ts → donts});</li>
 *   <li>stop words: Snowball's Dutch list plus question and filler words in Dutch and English;</li>
 *   <li>index chain only: {@link CompoundSplitter} for words the lexicon does not know ({@code privémening});</li>
 *   <li>{@link Lexicon} lemmas; {@link ASCIIFoldingFilter} ({@code privé → prive}); Snowball's Dutch stemmer only
 *       for words the lexicon does not know;</li>
 *   <li>query chain only: {@link SynonymGraphFilter} with the corpus's {@code synonyms.txt}.</li>
 * </ol>
 * Without {@link Tuning.Step#ANALYSIS} every chain is Lucene's stock {@link DutchAnalyzer} (the baseline).
 * Immutable and thread-safe once built.
 */
final class Analysis {
    private static final Pattern VOWEL_PLURAL = Pattern.compile("^(.*[aeiouy])'s$");
    private static final Pattern APOSTROPHE = Pattern.compile("'");
    private static final Pattern SYNONYM_LINE = Pattern.compile("line (\\d+)");
    private static final NormalizeCharMap QUOTES = quotes();

    /** The links a chain can have, in chain order. */
    private enum Link { STOP, SPLIT, LEMMAS, ONE_READING, SYNONYMS }

    final Tuning tuning;
    final Lexicon lexicon;
    final CharArraySet stopwords;
    /** Lower-case words of the corpus (articles, examples, word lists): also parts of compounds, typo targets. */
    final Vocabulary vocabulary;
    /** Stems of the corpus's topics; empty when the corpus has no topics file. */
    final Set<String> topics;
    /** Surface words: tokenised, lower case, apostrophes handled; nothing removed, accents kept. */
    final Analyzer surface;
    /** What the index holds: lemmas (or stems), split unknown compounds, no stop words. */
    final Analyzer index;
    /** The index chain without splitting: a question word's own lemmas. */
    final Analyzer words;
    /** {@link #words} plus synonyms: what a question word may mean. */
    final Analyzer query;
    /**
     * Every word's lemma, stop words included: how a question is put ("hoe zet ik…", "mag ik…"), to compare it with
     * the example and out-of-scope questions as a whole.
     */
    final Analyzer phrasing;
    private final SynonymMap synonyms;

    Analysis(Corpus corpus, Tuning tuning) throws CorpusException {
        this.tuning = tuning;
        this.lexicon = Lexicon.dutch();
        this.stopwords = stopwords();
        this.surface = chain(EnumSet.noneOf(Link.class), null);
        this.vocabulary = Vocabulary.of(corpus, surface, stopwords, lexicon);
        Analyzer entries = chain(EnumSet.of(Link.STOP, Link.LEMMAS, Link.ONE_READING), null);
        this.synonyms = tuning.has(Tuning.Step.SYNONYMS) ? synonyms(corpus, entries) : null;
        this.topics = topics(corpus, entries);
        this.index = chain(EnumSet.of(Link.STOP, Link.SPLIT, Link.LEMMAS), null);
        this.words = chain(EnumSet.of(Link.STOP, Link.LEMMAS), null);
        this.phrasing = chain(EnumSet.of(Link.LEMMAS, Link.ONE_READING), null);
        this.query = synonyms == null ? words : chain(EnumSet.of(Link.STOP, Link.LEMMAS, Link.SYNONYMS), synonyms);
    }

    /**
     * Whether a piece of a word is a word on its own: a noun, verb or adjective of the lexicon, or a word of the
     * corpus the lexicon does not know ("whatsapp", "linkedin"). Never a stop word or another function word.
     */
    boolean isPart(Lexicon.Lookup lookup, CharSequence piece) {
        String p = piece.toString();
        if (stopwords.contains(p)) {
            return false;
        }
        return lookup.knows(p) ? lookup.isContentWord(p) : vocabulary.contains(p);
    }

    /**
     * The parts of a compound word as typed, or an empty list (see {@link CompoundSplitter}). A word the lexicon
     * knows is split only when it is a noun: {@code klassenfoto} is a foto of a klas, but {@code meenemen} is not
     * {@code mee + nemen} in any useful sense; and then a part of three letters must be a word of the corpus
     * ({@code teamapp}), so that {@code staking} is not {@code sta + king}.
     */
    List<String> compoundParts(String word) {
        if (!tuning.has(Tuning.Step.COMPOUNDS)) {
            return List.of();
        }
        Lexicon.Lookup lookup = lexicon.lookup();
        String w = word.toLowerCase(java.util.Locale.ROOT);
        if (lookup.knows(w) && !lookup.isNoun(w)) {
            return List.of();
        }
        boolean whole = lookup.knows(w);
        return CompoundSplitter.split(w, piece -> isPart(lookup, piece)
                && (!whole || piece.length() > CompoundSplitter.MIN_PART || vocabulary.contains(piece.toString())));
    }

    private Analyzer chain(Set<Link> links, SynonymMap syn) {
        if (!tuning.has(Tuning.Step.ANALYSIS)) {
            return new DutchAnalyzer();
        }
        boolean lemmas = links.contains(Link.LEMMAS) && tuning.has(Tuning.Step.LEXICON);
        boolean split = links.contains(Link.SPLIT) && tuning.has(Tuning.Step.COMPOUNDS);
        return new Analyzer() {
            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return new MappingCharFilter(QUOTES, reader);
            }

            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream ts = new LowerCaseFilter(source);
                ts = new PatternReplaceFilter(ts, VOWEL_PLURAL, "$1", false);
                ts = new PatternReplaceFilter(ts, APOSTROPHE, "", true);
                if (links.contains(Link.STOP)) {
                    ts = new StopFilter(ts, stopwords);
                }
                if (split) {
                    Lexicon.Lookup lookup = lexicon.lookup();
                    ts = new CompoundSplitter(ts, piece -> isPart(lookup, piece), lookup::knows);
                }
                if (lemmas) {
                    ts = links.contains(Link.ONE_READING) ? lexicon.lemma(ts) : lexicon.lemmas(ts);
                }
                if (links.contains(Link.LEMMAS)) {
                    ts = new ASCIIFoldingFilter(ts);
                    ts = new SnowballFilter(ts, new DutchStemmer()); // skips the lexicon's lemmas (keywords)
                }
                if (syn != null) {
                    ts = new SynonymGraphFilter(ts, syn, true);
                }
                if (split || lemmas || syn != null) {
                    ts = new RemoveDuplicatesTokenFilter(ts);
                }
                return new TokenStreamComponents(source, ts);
            }
        };
    }

    private static NormalizeCharMap quotes() {
        NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
        for (String q : List.of("\u2019", "\u2018", "\u02BC", "`", "\u00B4")) {
            b.add(q, "'");
        }
        return b.build();
    }

    /** Runs an analyzer over a text and returns its terms. */
    static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static CharArraySet stopwords() {
        CharArraySet set = new CharArraySet(DutchAnalyzer.getDefaultStopSet(), false);
        set.addAll(Resources.lines("stopwords.txt"));
        return CharArraySet.unmodifiableSet(set);
    }

    /**
     * {@code synonyms.txt} in Solr format. Its words are read through the lexicon like a question's, keeping one
     * lemma per word (Lucene's synonym parser accepts one term per position; the index holds every reading, so any
     * one of them matches). A rule that holds a stop word is
     * refused: the question chain drops stop words, so such a rule could never match.
     */
    private static SynonymMap synonyms(Corpus corpus, Analyzer parseAnalyzer) throws CorpusException {
        if (corpus.synonyms().isEmpty()) {
            return null;
        }
        Corpus.TextFile file = corpus.synonyms().get();
        SolrSynonymParser parser = new SolrSynonymParser(true, true, parseAnalyzer);
        try {
            parser.parse(new StringReader(file.content()));
            return parser.build();
        } catch (ParseException | IllegalArgumentException e) {
            String message = e.getMessage();
            int line = 0;
            Matcher m = SYNONYM_LINE.matcher(Objects.requireNonNullElse(message, ""));
            if (m.find()) {
                line = Integer.parseInt(m.group(1));
            }
            String cause = e.getCause() != null ? e.getCause().getMessage() : message;
            throw new CorpusException(List.of(new Problem(file.name(), line, "ongeldige synoniemregel: " + cause)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The topics file: words separated by commas or spaces; each must be more than a stop word. */
    private static Set<String> topics(Corpus corpus, Analyzer entries) throws CorpusException {
        if (corpus.topics().isEmpty()) {
            return Set.of();
        }
        Corpus.TextFile file = corpus.topics().get();
        Set<String> stems = new HashSet<>();
        List<Problem> problems = new ArrayList<>();
        String[] lines = file.content().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            for (String word : line.split("[,\\s]+")) {
                if (word.isEmpty()) {
                    continue;
                }
                List<String> t = terms(entries, word);
                if (t.isEmpty()) {
                    problems.add(new Problem(file.name(), i + 1, "onderwerp '" + word
                            + "' is een stopwoord en telt niet mee"));
                }
                stems.addAll(t);
            }
        }
        if (!problems.isEmpty()) {
            throw new CorpusException(problems);
        }
        return Set.copyOf(stems);
    }

    /** Reads the reviewed word lists that ship with the code. */
    static final class Resources {
        private Resources() {
        }

        static List<String> lines(String name) {
            InputStream in = Analysis.class.getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String s = line.strip();
                    if (!s.isEmpty() && !s.startsWith("#")) {
                        out.add(s);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }
    }
}
