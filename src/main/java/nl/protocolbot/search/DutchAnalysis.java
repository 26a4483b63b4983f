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
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.protocolbot.corpus.Article;
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
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter;
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
 * The Dutch analysis chain, built from Lucene's components:
 * <ol>
 *   <li>{@link StandardTokenizer}, lower case, {@link ASCIIFoldingFilter} ({@code privé → prive});</li>
 *   <li>apostrophes: {@code foto's → foto}, {@code don'ts → donts};</li>
 *   <li>{@link CompoundSplitter}: decompounding with a dictionary of corpus words plus a reviewed list;</li>
 *   <li>stop words: Snowball's Dutch list plus question words and a few English ones;</li>
 *   <li>{@link StemmerOverrideFilter} with a reviewed list of forms Snowball misses, then Snowball's Dutch stemmer;</li>
 *   <li>query side only: {@link SynonymGraphFilter} with the corpus's {@code synonyms.txt}.</li>
 * </ol>
 * Each step can be switched off (see {@link Tuning}) to measure what it adds.
 */
final class DutchAnalysis {
    private static final Pattern VOWEL_PLURAL = Pattern.compile("^(.*[aeiouy])'s$");
    private static final Pattern APOSTROPHE = Pattern.compile("'");
    private static final Pattern SYNONYM_LINE = Pattern.compile("line (\\d+)");

    final CharArraySet stopwords;
    final CharArraySet compoundDictionary;
    final StemmerOverrideFilter.StemmerOverrideMap overrides;
    final SynonymMap synonyms;
    /** Stems of the corpus's topics; empty when the corpus has no topics file. */
    final Set<String> topics;
    /** Tokenize and normalise only: the surface words. */
    final Analyzer words;
    /** What the index holds: words, split compounds, stems. */
    final Analyzer index;
    /** The index chain plus synonyms. */
    final Analyzer query;
    /** Surface words with compound parts, not stemmed: to find the parts of a compound as typed. */
    final Analyzer splitter;

    DutchAnalysis(Corpus corpus, Tuning tuning) throws CorpusException {
        this.stopwords = stopwords();
        this.words = analyzer(false, false, false, false, null);
        this.overrides = tuning.stemOverrides() ? overrides(analyzer(false, true, false, true, null)) : null;
        this.compoundDictionary = tuning.decompound() ? compoundDictionary(corpus) : null;
        Analyzer entries = analyzer(false, true, true, true, null, true);
        this.synonyms = tuning.synonyms() ? synonyms(corpus, entries) : null;
        this.topics = topics(corpus, entries);
        this.index = analyzer(true, true, true, true, null);
        this.splitter = analyzer(true, false, false, false, null);
        this.query = analyzer(true, true, true, true, synonyms);
    }

    private Analyzer analyzer(boolean split, boolean stop, boolean override, boolean stem, SynonymMap syn) {
        return analyzer(split, stop, override, stem, syn, false);
    }

    /**
     * @param closeGaps drop the position gaps stop words leave, so that a synonym entry like "loopt uit de hand"
     *                  reads as "loopt hand", the way the query chain (which also drops "uit de") sees it
     */
    private Analyzer analyzer(boolean split, boolean stop, boolean override, boolean stem, SynonymMap syn,
                              boolean closeGaps) {
        return new Analyzer() {
            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return new MappingCharFilter(QUOTES, reader);
            }

            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream ts = new LowerCaseFilter(source);
                ts = new ASCIIFoldingFilter(ts);
                ts = new PatternReplaceFilter(ts, VOWEL_PLURAL, "$1", false);
                ts = new PatternReplaceFilter(ts, APOSTROPHE, "", true);
                if (split && compoundDictionary != null) {
                    ts = new CompoundSplitter(ts, compoundDictionary);
                }
                if (stop) {
                    ts = new StopFilter(ts, stopwords);
                }
                if (closeGaps) {
                    ts = new GapCloser(ts);
                }
                if (override && overrides != null) {
                    ts = new StemmerOverrideFilter(ts, overrides);
                }
                if (stem) {
                    ts = new SnowballFilter(ts, new DutchStemmer());
                }
                if (syn != null) {
                    ts = new SynonymGraphFilter(ts, syn, true);
                }
                if (split || syn != null) {
                    ts = new RemoveDuplicatesTokenFilter(ts);
                }
                return new TokenStreamComponents(source, ts);
            }
        };
    }

    private static final NormalizeCharMap QUOTES;

    static {
        NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
        for (String q : List.of("\u2019", "\u2018", "\u02BC", "`", "\u00B4")) {
            b.add(q, "'");
        }
        QUOTES = b.build();
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

    private CharArraySet stopwords() {
        CharArraySet set = new CharArraySet(DutchAnalyzer.getDefaultStopSet(), false);
        for (String w : Resources.lines("stopwords.txt")) {
            set.add(w);
        }
        return CharArraySet.unmodifiableSet(set);
    }

    /** Reviewed inflections Snowball misses, {@code target: form form …}; each form gets the stem of its target. */
    private StemmerOverrideFilter.StemmerOverrideMap overrides(Analyzer stemmer) {
        StemmerOverrideFilter.Builder b = new StemmerOverrideFilter.Builder(false);
        for (String line : Resources.lines("inflections.txt")) {
            int colon = line.indexOf(':');
            String target = line.substring(0, colon).strip();
            boolean own = target.endsWith("!");
            if (own) {
                target = target.substring(0, target.length() - 1);
            }
            List<String> stems = own ? List.of(target) : terms(stemmer, target);
            if (stems.size() != 1) {
                throw new IllegalStateException("inflections.txt: '" + target + "' does not stem to one term");
            }
            b.add(target, stems.get(0));
            for (String form : line.substring(colon + 1).strip().split("\\s+")) {
                List<String> normal = terms(words, form);
                if (normal.size() == 1) {
                    b.add(normal.get(0), stems.get(0));
                }
            }
        }
        try {
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Corpus words (not stop words, at least {@link CompoundSplitter#MIN_PART} letters) plus a reviewed list. */
    private CharArraySet compoundDictionary(Corpus corpus) {
        CharArraySet dict = new CharArraySet(4096, false);
        Set<String> never = Set.copyOf(Resources.lines("compound-never.txt"));
        for (Article a : corpus.articles()) {
            for (String w : terms(words, a.title() + "\n" + a.text())) {
                if (w.length() >= CompoundSplitter.MIN_PART && !stopwords.contains(w) && !never.contains(w)
                        && w.chars().allMatch(Character::isLetter)) {
                    dict.add(w);
                }
            }
        }
        for (String w : Resources.lines("compound-parts.txt")) {
            dict.add(w.toLowerCase(Locale.ROOT));
        }
        return CharArraySet.unmodifiableSet(dict);
    }

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
            throw new CorpusException(List.of(new Problem(file.name(), line,
                    "ongeldige synoniemregel: " + cause)));
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
        Set<String> stems = new java.util.HashSet<>();
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

    /** Sets every position increment to 1 (used only to parse synonym entries). */
    private static final class GapCloser extends org.apache.lucene.analysis.TokenFilter {
        private final org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute posInc =
                addAttribute(org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute.class);

        GapCloser(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            posInc.setPositionIncrement(1);
            return true;
        }
    }

    /** Reads the reviewed word lists that ship with the code. */
    static final class Resources {
        private Resources() {
        }

        static List<String> lines(String name) {
            InputStream in = DutchAnalysis.class.getResourceAsStream(name);
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
