package nl.protocolbot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.Example;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LRUQueryCache;
import org.apache.lucene.search.PointInSetQuery;
import org.apache.lucene.search.QueryCachingPolicy;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.BytesRef;

/**
 * The in-memory Lucene indexes the search reads: one document per article (its title, its title + section + text,
 * and its verbatim text for highlighting), and one document per example or out-of-scope question. Also, read once
 * from the postings, each document's set of terms (for coverage and grouping) and each term's document frequency.
 * Immutable once built.
 */
final class Index {
    static final String ID = "id";
    static final String PROTOCOL = "protocol";
    static final String TITLE = "title";
    static final String ALL = "all";
    static final String TEXT = "text";
    static final String QUESTION = "question";
    /** The question as put, stop words included (see {@link Analysis#phrasing}). */
    static final String PHRASING = "phrasing";
    /** The article an example answers; out-of-scope questions have none. */
    static final String ARTICLE = "article";
    static final String OUT_OF_SCOPE = "";
    /** A question document's number, for the per-protocol sets of question documents ({@link #questionScope}). */
    static final String QUESTION_DOC = "qdoc";
    /** The article text: stored, with offsets in the postings so the highlighter need not re-analyse it. */
    private static final FieldType TEXT_TYPE = textType();

    final Article[] articles;
    private final Map<String, Integer> docOf = new HashMap<>();
    /** Per question document: the article it illustrates, or {@link #OUT_OF_SCOPE}. */
    final String[] questionArticle;
    private final int examples;
    final IndexSearcher articleSearcher;
    final IndexSearcher questionSearcher;
    /** One ID per distinct term of any field: per-document term sets are sorted arrays of these. */
    private final Map<String, Integer> termIds = new HashMap<>();
    /** Per article, the sorted term IDs of its title, section and text. */
    final int[][] allTerms;
    /** Per article, those of its text alone (for spotting the same rule in several protocols). */
    final int[][] textTerms;
    /** Per question document, the sorted term IDs of the question. */
    final int[][] questionTerms;
    /**
     * Per article, the terms of its title, section and text and of all its example questions, sorted, each coded as
     * {@code id << 1 | incidental} ({@link #inArticleOrExamples}). A term is incidental when only one example question
     * of the article uses it, not its text: a detail of that example's situation (a weekday, the weather, a class's
     * trip) rather than what the rule is about. Coded in one array so that a lookup is one binary search.
     */
    private final int[][] articleAndExampleTerms;
    /** The same, with the example questions of the articles linked to it: for a search within one protocol. */
    private final int[][] articleAndLinkedExampleTerms;
    /** How many of an article's example questions must share a word its text lacks for it to count fully. */
    static final int CORROBORATED = 2;
    /** What an example of a linked article counts towards {@link #CORROBORATED}: nothing (see {@link #articleAndExampleTerms}). */
    static final int TRANSFER_COUNT = 0;
    private final Map<String, Integer> articleDf = new HashMap<>();
    /** The terms of the articles' titles. */
    private final Set<String> titleTerms;
    private final Map<String, Integer> questionDf = new HashMap<>();
    private final Map<String, Integer> phrasingDf = new HashMap<>();
    /** The links between articles of different protocols ({@link Links}). */
    final List<Links.Link> links;
    /** Per article, the articles of other protocols it is linked to, sorted. */
    private final int[][] linked;
    /** Per article, the similarity of each of its links, in the order of {@link #linked}. */
    private final double[][] linkSimilarities;
    /**
     * Per protocol, the question documents a search within it looks at: its articles' own example questions, those of
     * the articles linked to them, and every out-of-scope question.
     */
    private final Map<String, Query> questionScopes = new HashMap<>();
    /**
     * Term queries with their term statistics looked up once. Lucene looks a term up anew for every query, and on
     * an index this small that lookup is most of a search's cost; the index never changes, so the statistics do
     * not either. Only terms of the index's own vocabulary are cached, so the maps stay bounded. One map per field.
     */
    private final Map<String, ConcurrentHashMap<String, TermQuery>> termQueries = Map.of(
            TITLE, new ConcurrentHashMap<>(), ALL, new ConcurrentHashMap<>(),
            QUESTION, new ConcurrentHashMap<>(), PHRASING, new ConcurrentHashMap<>());

    /**
     * @param analyzer   the index chain
     * @param phrasing   the chain that keeps stop words (see {@link Analysis#phrasing})
     * @param similarity BM25 with the tuning's parameters
     */
    Index(Corpus corpus, Analyzer analyzer, Analyzer phrasing, BM25Similarity similarity) {
        articles = corpus.articles().toArray(new Article[0]);
        List<Example> examples = corpus.examples();
        questionArticle = new String[examples.size() + corpus.outOfScope().size()];
        this.examples = examples.size();
        try {
            IndexReader articleReader = build(analyzer, similarity, articleDocuments());
            articleSearcher = searcher(articleReader, similarity);
            IndexReader questionReader = build(new PerFieldAnalyzerWrapper(analyzer, Map.of(PHRASING, phrasing)),
                    similarity, questionDocuments(corpus));
            questionSearcher = searcher(questionReader, similarity);
            cacheScopes(questionSearcher);
            allTerms = termSets(articleReader, ALL, articleDf);
            titleTerms = terms(articleReader, TITLE);
            textTerms = termSets(articleReader, TEXT, null);
            questionTerms = termSets(questionReader, QUESTION, questionDf);
            termSets(questionReader, PHRASING, phrasingDf);
            links = Links.compute(articles, textTerms, Arrays.copyOf(questionTerms, this.examples), exampleArticles(),
                    corpus.linkCorrections(), docOf);
            linked = linked();
            linkSimilarities = linkSimilarities();
            corpus.protocols().forEach(p -> questionScopes.put(p.slug(), questionScope(p.articles())));
            articleAndExampleTerms = articleAndExampleTerms(false);
            articleAndLinkedExampleTerms = articleAndExampleTerms(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Document> articleDocuments() {
        List<Document> docs = new ArrayList<>();
        for (Article a : articles) {
            Document d = new Document();
            d.add(new StringField(ID, a.id(), Field.Store.NO));
            d.add(new StringField(PROTOCOL, a.protocol(), Field.Store.NO));
            d.add(new TextField(TITLE, a.title(), Field.Store.NO));
            d.add(new TextField(ALL, a.title() + "\n" + a.section() + "\n" + a.text(), Field.Store.NO));
            d.add(new Field(TEXT, a.text(), TEXT_TYPE));
            docOf.put(a.id(), docs.size());
            docs.add(d);
        }
        return docs;
    }

    private List<Document> questionDocuments(Corpus corpus) {
        List<Document> docs = new ArrayList<>();
        for (Example e : corpus.examples()) {
            docs.add(questionDocument(e.question(), e.articleId(), docs.size()));
        }
        for (String q : corpus.outOfScope()) {
            docs.add(questionDocument(q, OUT_OF_SCOPE, docs.size()));
        }
        return docs;
    }

    private Document questionDocument(String question, String articleId, int doc) {
        Document d = new Document();
        d.add(new StringField(ARTICLE, articleId, Field.Store.NO));
        d.add(new StringField(PROTOCOL, articleId.isEmpty() ? "" : article(articleId).protocol(), Field.Store.NO));
        d.add(new IntPoint(QUESTION_DOC, doc));
        d.add(new TextField(QUESTION, question, Field.Store.NO));
        d.add(new TextField(PHRASING, question, Field.Store.NO));
        questionArticle[doc] = articleId;
        return d;
    }

    private int[] exampleArticles() {
        int[] out = new int[examples];
        for (int q = 0; q < examples; q++) {
            out[q] = docOf.get(questionArticle[q]);
        }
        return out;
    }

    private int[][] linked() {
        List<List<Integer>> out = new ArrayList<>();
        for (int d = 0; d < articles.length; d++) {
            out.add(new ArrayList<>());
        }
        for (Links.Link l : links) {
            out.get(l.a()).add(l.b());
            out.get(l.b()).add(l.a());
        }
        return out.stream().map(l -> l.stream().mapToInt(Integer::intValue).sorted().toArray()).toArray(int[][]::new);
    }

    private double[][] linkSimilarities() {
        double[][] out = new double[articles.length][];
        for (int d = 0; d < articles.length; d++) {
            out[d] = new double[linked[d].length];
        }
        for (Links.Link l : links) {
            out[l.a()][Arrays.binarySearch(linked[l.a()], l.b())] = l.similarity();
            out[l.b()][Arrays.binarySearch(linked[l.b()], l.a())] = l.similarity();
        }
        return out;
    }

    private Query questionScope(List<Article> own) {
        java.util.BitSet ownDocs = new java.util.BitSet();
        own.forEach(a -> ownDocs.set(docOf.get(a.id())));
        java.util.BitSet docs = new java.util.BitSet();
        for (int q = 0; q < questionArticle.length; q++) {
            if (isOutOfScope(q)) {
                docs.set(q);
                continue;
            }
            int a = docOf.get(questionArticle[q]);
            if (ownDocs.get(a) || Arrays.stream(linked[a]).anyMatch(ownDocs::get)) {
                docs.set(q);
            }
        }
        return IntPoint.newSetQuery(QUESTION_DOC, docs.stream().toArray());
    }

    /** The articles of other protocols an article is linked to (see {@link Links}), sorted. */
    int[] linked(int doc) {
        return linked[doc];
    }

    /** The similarity of each of an article's links, in the order of {@link #linked(int)}. */
    double[] linkSimilarities(int doc) {
        return linkSimilarities[doc];
    }

    /** The question documents a search within one protocol looks at (see {@link #questionScopes}). */
    Query questionScope(String protocol) {
        return questionScopes.get(protocol);
    }

    /**
     * Per article, its own terms and those of its example questions and of the examples of the articles linked to it,
     * coded with whether they are incidental. An example of a linked article adds its terms as incidental: it never
     * corroborates a term alone ({@link #TRANSFER_COUNT}), so that knowledge borrowed from another protocol does not
     * make an article look as if it covered more than its own text and examples say.
     */
    private int[][] articleAndExampleTerms(boolean withLinked) {
        List<Map<Integer, Integer>> counts = new ArrayList<>();
        for (int i = 0; i < allTerms.length; i++) {
            counts.add(new HashMap<>());
        }
        for (int q = 0; q < questionArticle.length; q++) {
            if (!questionArticle[q].equals(OUT_OF_SCOPE)) {
                int own = docOf.get(questionArticle[q]);
                Arrays.stream(questionTerms[q]).forEach(t -> counts.get(own).merge(t, 1, Integer::sum));
                for (int a : withLinked ? linked[own] : new int[0]) {
                    Map<Integer, Integer> c = counts.get(a);
                    Arrays.stream(questionTerms[q]).forEach(t -> c.merge(t, TRANSFER_COUNT, Integer::sum));
                }
            }
        }
        int[][] out = new int[allTerms.length][];
        for (int d = 0; d < allTerms.length; d++) {
            Map<Integer, Integer> c = counts.get(d);
            Arrays.stream(allTerms[d]).forEach(t -> c.put(t, CORROBORATED));
            out[d] = c.entrySet().stream()
                    .mapToInt(e -> e.getKey() << 1 | (e.getValue() < CORROBORATED ? 1 : 0)).sorted().toArray();
        }
        return out;
    }

    /**
     * Whether an article's text or example questions hold a term: {@link #FULLY} when its text or at least
     * {@link #CORROBORATED} examples do, {@link #INCIDENTALLY} when one example does, else {@link #ABSENT}.
     */
    int inArticleOrExamples(int doc, int term, boolean withLinked) {
        if (term < 0) {
            return ABSENT;
        }
        int[] coded = (withLinked ? articleAndLinkedExampleTerms : articleAndExampleTerms)[doc];
        int at = Arrays.binarySearch(coded, term << 1);
        if (at >= 0) {
            return FULLY;
        }
        int next = -at - 1;
        return next < coded.length && coded[next] == (term << 1 | 1) ? INCIDENTALLY : ABSENT;
    }

    static final int ABSENT = 0;
    static final int INCIDENTALLY = 1;
    static final int FULLY = 2;

    private static IndexReader build(Analyzer analyzer, BM25Similarity similarity, List<Document> docs)
            throws IOException {
        // One buffer per file: a clone or slice of an input (one per term lookup) is then O(1), where the default
        // many-buffer layout copies a buffer list that grows with the index.
        ByteBuffersDirectory dir = new ByteBuffersDirectory(new SingleInstanceLockFactory(),
                ByteBuffersDataOutput::new, ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
        try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzer).setSimilarity(similarity))) {
            for (Document d : docs) {
                writer.addDocument(d);
            }
            writer.forceMerge(1);
        }
        return DirectoryReader.open(dir);
    }

    /**
     * The per-protocol sets of question documents ({@link #questionScope}) are point-set queries that Lucene would
     * otherwise evaluate anew for every search, a fifth of a search within one protocol; cached, each is a bit set
     * after its first use. Lucene's default policy caches nothing on an index this small, and only these filters are
     * worth it (the index never changes).
     */
    private static void cacheScopes(IndexSearcher searcher) {
        searcher.setQueryCache(new LRUQueryCache(256, 16 * 1024 * 1024, leaf -> true, Float.POSITIVE_INFINITY));
        searcher.setQueryCachingPolicy(new QueryCachingPolicy() {
            @Override
            public void onUse(Query query) {
            }

            @Override
            public boolean shouldCache(Query query) {
                return query instanceof PointInSetQuery;
            }
        });
    }

    private static IndexSearcher searcher(IndexReader reader, BM25Similarity similarity) {
        IndexSearcher s = new IndexSearcher(reader);
        s.setSimilarity(similarity);
        return s;
    }

    int size() {
        return articles.length;
    }

    int questions() {
        return questionArticle.length;
    }

    /** Whether a question document is an out-of-scope question. */
    boolean isOutOfScope(int questionDoc) {
        return questionArticle[questionDoc].isEmpty(); // OUT_OF_SCOPE is the empty ID
    }

    /** How many of the question documents are example questions (the rest are out of scope). */
    int examples() {
        return examples;
    }

    int doc(String articleId) {
        return docOf.get(articleId);
    }

    Article article(String id) {
        return articles[docOf.get(id)];
    }

    /** In how many articles (title, section or text) a term occurs. */
    int articleDf(String term) {
        return articleDf.getOrDefault(term, 0);
    }

    /** Whether some article's title contains the term. */
    boolean inTitle(String term) {
        return titleTerms.contains(term);
    }

    /** In how many example or out-of-scope questions a term occurs. */
    int questionDf(String term) {
        return questionDf.getOrDefault(term, 0);
    }

    /** In how many example or out-of-scope questions a term occurs as the question is put (stop words kept). */
    int phrasingDf(String term) {
        return phrasingDf.getOrDefault(term, 0);
    }

    /**
     * A query for a term of the index's vocabulary (see {@link #termId}) in one of its fields, with cached
     * statistics; a term outside the vocabulary gets a plain query.
     */
    TermQuery termQuery(String field, String term) {
        Term t = new Term(field, term);
        if (termId(term) < 0) {
            return new TermQuery(t);
        }
        return termQueries.get(field).computeIfAbsent(term, k -> {
            IndexSearcher s = field.equals(QUESTION) || field.equals(PHRASING) ? questionSearcher : articleSearcher;
            try {
                return new TermQuery(t, TermStates.build(s, t, true));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The ID of a term, or -1 when no field holds it. */
    int termId(String term) {
        return termIds.getOrDefault(term, -1);
    }

    static boolean contains(int[] sortedTerms, int term) {
        return term >= 0 && Arrays.binarySearch(sortedTerms, term) >= 0;
    }

    private static Set<String> terms(IndexReader reader, String field) throws IOException {
        Set<String> out = new HashSet<>();
        Terms terms = reader.leaves().isEmpty() ? null : reader.leaves().get(0).reader().terms(field);
        if (terms != null) {
            TermsEnum te = terms.iterator();
            for (BytesRef term = te.next(); term != null; term = te.next()) {
                out.add(term.utf8ToString());
            }
        }
        return out;
    }

    /** Walks a field's terms once: for each document the sorted IDs of the terms it contains. */
    private int[][] termSets(IndexReader reader, String field, Map<String, Integer> df) throws IOException {
        int numDocs = reader.maxDoc();
        List<List<Integer>> ids = new ArrayList<>();
        for (int d = 0; d < numDocs; d++) {
            ids.add(new ArrayList<>());
        }
        LeafReader leaf = reader.leaves().isEmpty() ? null : reader.leaves().get(0).reader();
        Terms terms = leaf == null ? null : leaf.terms(field);
        if (terms != null) {
            TermsEnum te = terms.iterator();
            PostingsEnum postings = null;
            for (BytesRef term = te.next(); term != null; term = te.next()) {
                String t = term.utf8ToString();
                int id = termIds.computeIfAbsent(t, k -> termIds.size());
                if (df != null) {
                    df.put(t, te.docFreq());
                }
                postings = te.postings(postings, PostingsEnum.NONE);
                for (int d = postings.nextDoc(); d != PostingsEnum.NO_MORE_DOCS; d = postings.nextDoc()) {
                    ids.get(d).add(id);
                }
            }
        }
        int[][] out = new int[numDocs][];
        for (int d = 0; d < numDocs; d++) {
            out[d] = ids.get(d).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }

    private static FieldType textType() {
        // Not stored: the highlighter reads the text from the articles in memory (see Highlights).
        FieldType t = new FieldType(TextField.TYPE_NOT_STORED);
        t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        t.freeze();
        return t;
    }
}
