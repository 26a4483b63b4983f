package nl.protocolbot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Finds the articles that answer a question: an in-memory Lucene index of every article, built at start-up.
 * Thread-safe; build once, search from any thread.
 */
public final class SearchEngine {
    public static final int DEFAULT_LIMIT = 3;
    public static final int MAX_LIMIT = 20;

    static final String ID = "id";
    static final String PROTOCOL = "protocol";
    static final String TITLE = "title";
    static final String ALL = "all";
    static final String TEXT = "text";

    /** Credit a word gets for matching through its own stem, a synonym, a compound part or a typo correction. */
    static final double CREDIT_SYNONYM = 0.9;
    static final double CREDIT_PARTS = 0.8;
    static final double CREDIT_FUZZY = 0.7;
    /** An article must cover at least this share of the question to be shown. */
    static final double MIN_COVERAGE = 0.4;
    /** … and score at least this share of the best article's score. */
    static final double MIN_RELATIVE_SCORE = 0.1;
    /** Articles this alike (Jaccard of their terms) are the same rule in different protocols. */
    static final double DUPLICATE_SIMILARITY = 0.5;
    /**
     * A word that means something found in at least this share of all articles (like "Instagram", a synonym of
     * "sociale media") names what the whole corpus is about: every article covers it implicitly.
     */
    static final double CONTEXT_SHARE = 0.4;
    /** Share of its weight a compound's modifier keeps next to its head (the last part). */
    static final double MODIFIER_WEIGHT = 0.5;
    /** The weight of a word the index does not know at all (about the IDF of a common word). */
    static final double UNKNOWN_WEIGHT = 1.0;
    static final float TITLE_BOOST = 0.3f;
    static final float PROXIMITY_BOOST = 0.5f;
    /** Ranking multiplies BM25 by (this + coverage): coverage matters, but cannot zero a strong match. */
    static final double COVERAGE_FLOOR = 0.5;
    private static final int CANDIDATES = 20;
    private static final int MAX_TYPO_TERMS = 10;
    /** Candidates still looked at, once the answer is full, for copies of its rules in other protocols. */
    private static final int GROUPING_LOOKAHEAD = 8;
    /** The article text: stored, with offsets in the postings so the highlighter need not re-analyse it. */
    private static final org.apache.lucene.document.FieldType TEXT_TYPE = textType();

    private static org.apache.lucene.document.FieldType textType() {
        org.apache.lucene.document.FieldType t = new org.apache.lucene.document.FieldType(TextField.TYPE_STORED);
        t.setIndexOptions(org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        t.freeze();
        return t;
    }

    private final Corpus corpus;
    private final Tuning tuning;
    private final Analyzer indexAnalyzer;
    private final Set<String> topics;
    private final QueryPlanner planner;
    private final IndexSearcher searcher;
    private final Article[] docs;
    private final java.util.Map<String, Integer> docOf = new java.util.HashMap<>();
    /** Per document, the sorted IDs of the terms of its text (for spotting the same rule in several protocols). */
    private final int[][] docTerms;
    /** Per document, the sorted ordinals of the terms of its title, section and text; and each term's ordinal. */
    private final int[][] docAllTerms;
    private final java.util.Map<String, Integer> allOrdinals = new java.util.HashMap<>();
    private final UnifiedHighlighter highlighter;
    private final Typos typos;

    private SearchEngine(Corpus corpus, Tuning tuning) throws CorpusException {
        this.corpus = corpus;
        this.tuning = tuning;
        Analyzer queryAnalyzer;
        Analyzer splitter = null;
        if (tuning.baseline()) {
            indexAnalyzer = new DutchAnalyzer();
            queryAnalyzer = indexAnalyzer;
            topics = Set.of();
        } else {
            DutchAnalysis analysis = new DutchAnalysis(corpus, tuning);
            indexAnalyzer = analysis.index;
            queryAnalyzer = analysis.query;
            topics = analysis.topics;
            splitter = tuning.decompound() ? analysis.splitter : null;
        }
        planner = new QueryPlanner(indexAnalyzer, queryAnalyzer, splitter);
        List<Article> articles = corpus.articles();
        docs = articles.toArray(new Article[0]);
        // One buffer per file: a clone or slice of an input (one per term lookup) is then O(1), where the default
        // many-buffer layout copies a buffer list that grows with the index.
        ByteBuffersDirectory dir = new ByteBuffersDirectory(new org.apache.lucene.store.SingleInstanceLockFactory(),
                org.apache.lucene.store.ByteBuffersDataOutput::new, ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
        BM25Similarity similarity = new BM25Similarity(tuning.k1(), tuning.b());
        IndexWriterConfig config = new IndexWriterConfig(indexAnalyzer).setSimilarity(similarity);
        try (IndexWriter writer = new IndexWriter(dir, config)) {
            for (Article a : articles) {
                Document d = new Document();
                d.add(new StringField(ID, a.id(), Field.Store.NO));
                d.add(new StringField(PROTOCOL, a.protocol(), Field.Store.NO));
                d.add(new TextField(TITLE, a.title(), Field.Store.NO));
                d.add(new TextField(ALL, a.title() + "\n" + a.section() + "\n" + a.text(), Field.Store.NO));
                d.add(new Field(TEXT, a.text(), TEXT_TYPE));
                docOf.put(a.id(), docOf.size());
                writer.addDocument(d);
            }
            writer.forceMerge(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            IndexReader reader = DirectoryReader.open(dir);
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(similarity);
            docTerms = termIds(reader, TEXT, docs.length, null);
            docAllTerms = termIds(reader, ALL, docs.length, allOrdinals);
            typos = new Typos(allOrdinals.keySet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        highlighter = UnifiedHighlighter.builder(searcher, indexAnalyzer)
                .withBreakIterator(() -> BreakIterator.getSentenceInstance(new Locale("nl", "NL")))
                .withFormatter(new SentenceFormatter())
                .withMaxNoHighlightPassages(0)
                .withHandleMultiTermQuery(false)
                .build();
    }

    /** Builds the index for a corpus with the product's settings. Refuses an invalid synonyms file. */
    public static SearchEngine build(Corpus corpus) throws CorpusException {
        return new SearchEngine(corpus, Tuning.DEFAULT);
    }

    /** Builds the index with other settings (for measurements). */
    public static SearchEngine build(Corpus corpus, Tuning tuning) throws CorpusException {
        return new SearchEngine(corpus, tuning);
    }

    public Corpus corpus() {
        return corpus;
    }

    /**
     * The articles that answer a question, best first; empty when nothing relevant was found.
     *
     * @param question what the user typed, any length, any markup
     * @param limit    at most this many articles (1 to {@link #MAX_LIMIT})
     * @param protocol only this protocol's articles, or empty for all
     */
    public List<Hit> search(String question, int limit, Optional<String> protocol) {
        return find(question, limit, protocol).hits();
    }

    /**
     * What a search found.
     *
     * @param question   the question as plain text (chat markup removed)
     * @param hits       the articles, best first
     * @param understood whether the question held any word to search for (when not, {@code hits} is empty)
     */
    public record Found(String question, List<Hit> hits, boolean understood) {
    }

    /** {@link #search}, also telling whether the question held any word to search for. */
    public Found find(String question, int limit, Optional<String> protocol) {
        int n = Math.max(1, Math.min(MAX_LIMIT, limit));
        String cleaned = TextCleaner.clean(question);
        List<Concept> concepts = planned(cleaned);
        if (concepts.isEmpty()) {
            return new Found(cleaned, List.of(), false);
        }
        try {
            return new Found(cleaned, tuning.baseline() ? baseline(concepts, n, protocol) : ranked(concepts, n, protocol),
                    true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How a question is read: each meaningful word with its stem, synonyms, compound parts and weight, and for the
     * best candidates the share of the question they cover. For people tuning the search; never logged.
     */
    public String explain(String question, Optional<String> protocol) {
        StringBuilder sb = new StringBuilder();
        sb.append("cleaned: ").append(TextCleaner.clean(question)).append('\n');
        for (Concept c : concepts(question)) {
            sb.append("  word: ").append(c).append('\n');
        }
        for (Hit h : search(question, 8, protocol)) {
            sb.append(String.format(Locale.ROOT, "  %-24s score %.3f coverage %.2f%n", h.article().id(), h.score(),
                    h.coverage()));
        }
        return sb.toString();
    }

    /** Whether a question holds any word to search for (not only stop words, punctuation or markup). */
    public boolean understands(String question) {
        return !concepts(question).isEmpty();
    }

    /**
     * The same rule in other protocols: for each other protocol, its article most alike {@code article} (by the
     * measure the search uses to group hits), when alike enough; most alike first. Empty for an unknown article.
     */
    public List<Article> sameRule(String articleId) {
        Integer doc = docOf.get(articleId);
        if (doc == null) {
            return List.of();
        }
        java.util.Map<String, Integer> best = new java.util.LinkedHashMap<>();
        double[] similarity = new double[docs.length];
        for (int d = 0; d < docs.length; d++) {
            String protocol = docs[d].protocol();
            if (protocol.equals(docs[doc].protocol())) {
                continue;
            }
            similarity[d] = jaccard(docTerms[doc], docTerms[d]);
            Integer held = best.get(protocol);
            if (similarity[d] >= DUPLICATE_SIMILARITY && (held == null || similarity[d] > similarity[held])) {
                best.put(protocol, d);
            }
        }
        return best.values().stream().sorted((a, b) -> Double.compare(similarity[b], similarity[a]))
                .map(d -> docs[d]).toList();
    }

    /** The question's meaningful words, weighed; compounds the index does not know are split into their parts. */
    private List<Concept> concepts(String question) {
        return planned(TextCleaner.clean(question));
    }

    private List<Concept> planned(String cleaned) {
        IndexReader reader = searcher.getIndexReader();
        List<Concept> out = new ArrayList<>();
        try {
            Lookup lookup = new Lookup();
            for (Concept c : planner.plan(cleaned)) {
                if (c.isEmpty()) {
                    continue;
                }
                boolean knownWhole = c.original != null && lookup.docFreq(c.original) > 0;
                List<Concept> parts = knownWhole ? List.of(c) : planner.splitCompound(c, cleaned);
                for (int i = 0; i < parts.size(); i++) {
                    Concept part = parts.get(i);
                    weigh(part, lookup, reader.numDocs());
                    if (i < parts.size() - 1) {
                        part.weight *= MODIFIER_WEIGHT; // a klassenfoto is first of all a foto
                        part.boost = (float) MODIFIER_WEIGHT;
                    }
                    out.add(part);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private List<Hit> baseline(List<Concept> concepts, int n, Optional<String> protocol) throws IOException {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Concept c : concepts) {
            for (String t : c.allTerms()) {
                b.add(new TermQuery(new Term(ALL, t)), Occur.SHOULD);
            }
        }
        Query q = filter(b.build(), protocol);
        List<Hit> hits = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(q, n).scoreDocs) {
            hits.add(new Hit(docs[sd.doc], sd.score, 1.0, "", List.of()));
        }
        return hits; // plain BM25: no highlighting
    }

    /** One way a question word can be matched: its terms in the index and the credit such a match earns. */
    private record Alternative(double credit, int[] ordinals) {
    }

    private List<Hit> ranked(List<Concept> concepts, int n, Optional<String> protocol) throws IOException {
        if (tuning.fuzzy()) {
            for (Concept c : concepts) {
                if (c.unknown && c.original != null) {
                    typoCorrections(c);
                }
            }
        }
        if (tuning.relevance() && !inScope(concepts)) {
            return List.of();
        }
        BooleanQuery.Builder top = new BooleanQuery.Builder();
        boolean allContext = concepts.stream().allMatch(c -> c.context);
        List<Concept> used = new ArrayList<>();
        List<List<Alternative>> ways = new ArrayList<>();
        for (Concept c : concepts) {
            List<Query> queries = new ArrayList<>();
            List<Alternative> alternatives = new ArrayList<>();
            // only terms the index holds: a query for any other term costs a lookup and can never match
            if (c.original != null && c.known.contains(c.original)) {
                queries.add(field(c.original, 1f, true));
                alternatives.add(new Alternative(1.0, ordinals(List.of(c.original))));
            }
            for (String syn : c.synonyms) {
                if (c.known.contains(syn)) {
                    queries.add(field(syn, (float) CREDIT_SYNONYM, false));
                    alternatives.add(new Alternative(CREDIT_SYNONYM, ordinals(List.of(syn))));
                }
            }
            List<String> knownParts = c.parts.stream().filter(c.known::contains).toList();
            if (!knownParts.isEmpty()) {
                BooleanQuery.Builder parts = new BooleanQuery.Builder();
                for (String part : knownParts) {
                    parts.add(field(part, 1f, false), Occur.SHOULD);
                }
                queries.add(new BoostQuery(parts.build(), (float) CREDIT_PARTS / c.parts.size()));
                alternatives.add(new Alternative(CREDIT_PARTS, ordinals(knownParts)));
            }
            if (c.fuzzy != null && !c.fuzzyTerms.isEmpty()) {
                queries.add(new BoostQuery(c.fuzzy, (float) CREDIT_FUZZY));
                alternatives.add(new Alternative(CREDIT_FUZZY, ordinals(c.fuzzyTerms)));
            }
            if (queries.isEmpty()) {
                continue;
            }
            c.weight = Math.max(c.weight, 0.1);
            used.add(c);
            ways.add(alternatives);
            if (c.context && !allContext) {
                // Every article covers a context word. Its own name still ranks ("Facebook" in an article about
                // Facebook), but its corpus-wide synonyms ("sociale media") would only visit half the index.
                if (c.original == null || !c.known.contains(c.original) || c.commonOriginal) {
                    continue;
                }
                queries = List.of(field(c.original, 1f, true));
            }
            Query either = queries.size() == 1 ? queries.get(0) : new DisjunctionMaxQuery(queries, 0.1f);
            top.add(c.boost == 1f ? either : new BoostQuery(either, c.boost), Occur.SHOULD);
        }
        if (tuning.fields()) {
            addProximity(top, concepts);
        }
        Query q = filter(top.build(), protocol);
        ScoreDoc[] found = searcher.search(q, CANDIDATES).scoreDocs;
        if (found.length == 0) {
            return List.of();
        }
        double[] coverage = coverage(found, used, ways);
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < found.length; i++) {
            double score = tuning.relevance() ? found[i].score * (COVERAGE_FLOOR + coverage[i]) : found[i].score;
            scored.add(new Scored(found[i].doc, score, coverage[i]));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        List<Hit> hits = new ArrayList<>();
        double best = scored.get(0).score();
        int afterFull = 0;
        for (Scored sc : scored) {
            if (hits.size() >= n && (!tuning.diversify() || ++afterFull > GROUPING_LOOKAHEAD)) {
                break;
            }
            if (tuning.relevance() && (sc.coverage() < MIN_COVERAGE || sc.score() < MIN_RELATIVE_SCORE * best)) {
                continue;
            }
            if (tuning.diversify() && groupWithEarlier(hits, sc)) {
                continue;
            }
            if (hits.size() < n) {
                hits.add(new Hit(docs[sc.doc()], sc.score(), sc.coverage(), "", List.of()));
            }
        }
        return withHighlights(hits, highlightQuery(concepts, hits));
    }

    /**
     * For each candidate, the weighted share of the question's words it matches: each word counts with the best
     * credit among the ways it matched (read from the postings of its terms), a context word always counts.
     */
    private double[] coverage(ScoreDoc[] candidates, List<Concept> concepts, List<List<Alternative>> ways) {
        double total = concepts.stream().mapToDouble(c -> c.weight).sum();
        double[] out = new double[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            int[] terms = docAllTerms[candidates[i].doc];
            double covered = 0;
            for (int k = 0; k < concepts.size(); k++) {
                Concept c = concepts.get(k);
                double best = c.context ? 1 : 0;
                for (Alternative alt : ways.get(k)) {
                    if (alt.credit() > best && containsAny(terms, alt.ordinals())) {
                        best = alt.credit();
                    }
                }
                covered += c.weight * best;
            }
            out[i] = total == 0 ? 0 : covered / total;
        }
        return out;
    }

    private static boolean containsAny(int[] sorted, int[] wanted) {
        for (int w : wanted) {
            if (Arrays.binarySearch(sorted, w) >= 0) {
                return true;
            }
        }
        return false;
    }

    private int[] ordinals(java.util.Collection<String> terms) {
        return terms.stream().map(allOrdinals::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue)
                .toArray();
    }

    /** Term lookups in the "all" field through one terms enumeration (cheaper than one per term). */
    private final class Lookup {
        private final org.apache.lucene.index.TermsEnum terms;
        private final java.util.Map<String, Integer> docFreqs = new java.util.HashMap<>();

        Lookup() throws IOException {
            List<org.apache.lucene.index.LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            org.apache.lucene.index.Terms t = leaves.isEmpty() ? null : leaves.get(0).reader().terms(ALL);
            terms = t == null ? null : t.iterator();
        }

        int docFreq(String term) throws IOException {
            Integer df = docFreqs.get(term);
            if (df == null) {
                df = terms != null && terms.seekExact(new org.apache.lucene.util.BytesRef(term)) ? terms.docFreq() : 0;
                docFreqs.put(term, df);
            }
            return df;
        }

    }

    private record Scored(int doc, double score, double coverage) {
    }

    /** Walks a field's terms once: for each document the sorted ordinals of the terms it contains. */
    private static int[][] termIds(IndexReader reader, String field, int numDocs, java.util.Map<String, Integer> ordinals)
            throws IOException {
        int[][] ids = new int[numDocs][];
        int[] sizes = new int[numDocs];
        for (int d = 0; d < numDocs; d++) {
            ids[d] = new int[8];
        }
        if (reader.leaves().isEmpty()) {
            return ids;
        }
        LeafReader leaf = reader.leaves().get(0).reader();
        org.apache.lucene.index.Terms terms = leaf.terms(field);
        if (terms == null) {
            return ids;
        }
        org.apache.lucene.index.TermsEnum te = terms.iterator();
        PostingsEnum postings = null;
        int ord = 0;
        for (org.apache.lucene.util.BytesRef term = te.next(); term != null; term = te.next()) {
            if (ordinals != null) {
                ordinals.put(term.utf8ToString(), ord);
            }
            postings = te.postings(postings, PostingsEnum.NONE);
            for (int d = postings.nextDoc(); d != PostingsEnum.NO_MORE_DOCS; d = postings.nextDoc()) {
                if (sizes[d] == ids[d].length) {
                    ids[d] = Arrays.copyOf(ids[d], ids[d].length * 2);
                }
                ids[d][sizes[d]++] = ord;
            }
            ord++;
        }
        for (int d = 0; d < numDocs; d++) {
            ids[d] = Arrays.copyOf(ids[d], sizes[d]); // ordinals come in increasing order: already sorted
        }
        return ids;
    }

    /** When {@code s} is the same rule as a hit already chosen, list it under that hit and report true. */
    private boolean groupWithEarlier(List<Hit> hits, Scored s) {
        Article a = docs[s.doc()];
        int[] terms = docTerms[s.doc()];
        for (int i = 0; i < hits.size(); i++) {
            Hit h = hits.get(i);
            if (h.article().protocol().equals(a.protocol())) {
                continue;
            }
            int doc = indexOf(h.article());
            if (jaccard(terms, docTerms[doc]) >= DUPLICATE_SIMILARITY) {
                List<Article> also = new ArrayList<>(h.alsoIn());
                if (also.stream().noneMatch(x -> x.protocol().equals(a.protocol()))) {
                    also.add(a);
                }
                hits.set(i, new Hit(h.article(), h.score(), h.coverage(), h.highlight(), also));
                return true;
            }
        }
        return false;
    }

    private int indexOf(Article a) {
        return docOf.get(a.id());
    }

    private static double jaccard(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int common = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (a.length + b.length - common);
    }

    /**
     * A word weighs its own stem's IDF; a word the index only knows through synonyms or parts weighs the IDF of the
     * most common of those; a word the index does not know at all weighs {@link #UNKNOWN_WEIGHT}.
     */
    private void weigh(Concept c, Lookup lookup, int total) throws IOException {
        int ownDf = c.original == null ? 0 : lookup.docFreq(c.original);
        int maxDf = 0;
        c.known.clear();
        for (String t : c.allTerms()) {
            int df = lookup.docFreq(t);
            if (df > 0) {
                c.known.add(t);
            }
            maxDf = Math.max(maxDf, df);
        }
        c.unknown = maxDf == 0;
        c.context = maxDf >= CONTEXT_SHARE * total;
        c.commonOriginal = ownDf >= CONTEXT_SHARE * total;
        if (c.context) {
            c.weight = idf(maxDf, total);
        } else if (ownDf > 0) {
            c.weight = idf(ownDf, total);
        } else {
            c.weight = c.unknown ? UNKNOWN_WEIGHT : idf(maxDf, total);
        }
    }

    /**
     * Whether the question touches a subject of the protocols: one of its words, a synonym or a compound part is a
     * topic, or an unknown word is a typo of one (found among its fuzzy expansions in the index). Without a topics
     * file every question is in scope.
     */
    private boolean inScope(List<Concept> concepts) {
        if (topics.isEmpty()) {
            return true;
        }
        for (Concept c : concepts) {
            for (String t : c.allTerms()) {
                if (topics.contains(t)) {
                    return true;
                }
            }
            for (String t : c.fuzzyTerms) {
                if (topics.contains(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double idf(int df, int total) {
        return Math.log(1 + (total - df + 0.5) / (df + 0.5));
    }

    /** A term in the article; with {@code title}, also weighed in the article's title. */
    private Query field(String term, float boost, boolean title) {
        Query all = new TermQuery(new Term(ALL, term));
        Query q;
        if (tuning.fields() && title) {
            q = new BooleanQuery.Builder()
                    .add(all, Occur.SHOULD)
                    .add(new BoostQuery(new TermQuery(new Term(TITLE, term)), TITLE_BOOST), Occur.SHOULD)
                    .build();
        } else {
            q = all;
        }
        return boost == 1f ? q : new BoostQuery(q, boost);
    }

    /**
     * Typo tolerance: the index terms one edit (a swap of two letters counts as one) from a word of 4 to 9 letters,
     * two from 10; the first letter must be right.
     */
    private void typoCorrections(Concept c) {
        int len = c.original.codePointCount(0, c.original.length());
        if (len < 4) {
            return;
        }
        List<String> near = typos.near(c.original, len >= 10 ? 2 : 1, MAX_TYPO_TERMS);
        if (near.isEmpty()) {
            return;
        }
        List<Query> terms = new ArrayList<>();
        for (String t : near) {
            terms.add(new TermQuery(new Term(ALL, t)));
            c.fuzzyTerms.add(t);
        }
        c.fuzzy = terms.size() == 1 ? terms.get(0) : new DisjunctionMaxQuery(terms, 0f);
    }

    private static void addProximity(BooleanQuery.Builder top, List<Concept> concepts) {
        for (int i = 0; i + 1 < concepts.size(); i++) {
            Concept a = concepts.get(i);
            Concept b = concepts.get(i + 1);
            if (a.original == null || b.original == null || a.unknown || b.unknown || a.commonOriginal
                    || b.commonOriginal) {
                continue;
            }
            PhraseQuery near = new PhraseQuery(4, ALL, a.original, b.original);
            top.add(new BoostQuery(near, PROXIMITY_BOOST), Occur.SHOULD);
        }
    }

    private static Query filter(Query q, Optional<String> protocol) {
        if (protocol.isEmpty()) {
            return q;
        }
        return new BooleanQuery.Builder()
                .add(q, Occur.MUST)
                .add(new TermQuery(new Term(PROTOCOL, protocol.get())), Occur.FILTER)
                .build();
    }

    /** The question's terms that occur in at least one of the hits: the highlighter need not look for others. */
    private Query highlightQuery(List<Concept> concepts, List<Hit> hits) {
        Set<String> terms = new HashSet<>();
        for (Concept c : concepts) {
            terms.addAll(c.allTerms());
            terms.addAll(c.fuzzyTerms);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : terms) {
            Integer ord = allOrdinals.get(t);
            if (ord != null && hits.stream().anyMatch(h -> Arrays.binarySearch(docAllTerms[indexOf(h.article())], ord) >= 0)) {
                b.add(new TermQuery(new Term(TEXT, t)), Occur.SHOULD);
            }
        }
        return b.build();
    }

    private List<Hit> withHighlights(List<Hit> hits, Query query) throws IOException {
        if (hits.isEmpty()) {
            return hits;
        }
        ScoreDoc[] sds = new ScoreDoc[hits.size()];
        for (int i = 0; i < sds.length; i++) {
            sds[i] = new ScoreDoc(indexOf(hits.get(i).article()), (float) hits.get(i).score());
        }
        String[] sentences = highlighter.highlight(TEXT, query,
                new TopDocs(new TotalHits(sds.length, TotalHits.Relation.EQUAL_TO), sds), 1);
        List<Hit> out = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            Hit h = hits.get(i);
            String sentence = sentences[i] != null ? sentences[i] : firstSentence(h.article().text());
            out.add(new Hit(h.article(), h.score(), h.coverage(), sentence, h.alsoIn()));
        }
        return out;
    }

    static String firstSentence(String text) {
        BreakIterator it = BreakIterator.getSentenceInstance(new Locale("nl", "NL"));
        it.setText(text);
        int end = it.next();
        return (end == BreakIterator.DONE ? text : text.substring(0, end)).strip();
    }

    /** Returns the best passage (one sentence) as plain text. */
    private static final class SentenceFormatter extends PassageFormatter {
        @Override
        public Object format(Passage[] passages, String content) {
            if (passages.length == 0) {
                return null;
            }
            Passage best = Arrays.stream(passages).max(Comparator.comparingDouble(Passage::getScore)).orElseThrow();
            return content.substring(best.getStartOffset(), best.getEndOffset()).strip();
        }
    }
}
