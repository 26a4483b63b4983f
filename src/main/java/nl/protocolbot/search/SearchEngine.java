package nl.protocolbot.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusException;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * Finds the articles that answer a question. The front door of a pipeline of small immutable steps:
 * {@link TextCleaner} → {@link QuestionReader} (lexicon, compounds, synonyms, typos) → {@link Question} →
 * {@link Retrieval} (articles and example questions) → {@link Fusion} → {@link Decision} → {@link Grouping} →
 * {@link Highlights}. Built once per corpus at start-up; thread-safe.
 */
public final class SearchEngine {
    public static final int DEFAULT_LIMIT = 3;
    public static final int MAX_LIMIT = 20;

    private final Corpus corpus;
    private final Tuning tuning;
    private final QuestionReader reader;
    private final Index index;
    private final Retrieval retrieval;
    private final Fusion fusion;
    private final Decision decision;
    private final Grouping grouping;
    private final Highlights highlights;
    private final Taught taught;

    private SearchEngine(Corpus corpus, Tuning tuning) throws CorpusException {
        this.corpus = corpus;
        this.tuning = tuning;
        Analysis analysis = new Analysis(corpus, tuning);
        this.index = new Index(corpus, analysis.index, analysis.phrasing, new BM25Similarity(tuning.k1(), tuning.b()));
        this.reader = new QuestionReader(analysis, index);
        this.retrieval = new Retrieval(index, analysis, tuning);
        this.fusion = new Fusion(index, tuning);
        this.decision = new Decision(tuning, tuning.has(Tuning.Step.COVERAGE) ? analysis.topics : java.util.Set.of());
        this.grouping = new Grouping(index, tuning);
        this.highlights = new Highlights(index, analysis.index);
        this.taught = new Taught(corpus);
    }

    /** Builds the index for a corpus with the product's settings. Refuses an invalid synonyms or topics file. */
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
     * @param question what the user typed, any length
     * @param limit    at most this many articles (1 to {@link #MAX_LIMIT})
     * @param protocol only this protocol's articles, or empty for all
     */
    public List<Hit> search(String question, int limit, Optional<String> protocol) {
        return find(question, limit, protocol).hits();
    }

    /**
     * What a search found.
     *
     * @param question   the question as plain text (markup removed)
     * @param hits       the articles, best first
     * @param understood whether the question held any word to search for (when not, {@code hits} is empty)
     */
    public record Found(String question, List<Hit> hits, boolean understood) {
    }

    /** {@link #search}, also telling whether the question held any word to search for. */
    public Found find(String question, int limit, Optional<String> protocol) {
        int n = Math.max(1, Math.min(MAX_LIMIT, limit));
        Question q = reader.read(TextCleaner.clean(question));
        if (q.isEmpty()) {
            return new Found(q.text(), List.of(), false);
        }
        Coverage coverage = new Coverage(q, index, protocol.isPresent());
        Retrieval.Found found = retrieval.find(q, coverage, protocol);
        List<Fusion.Candidate> ranked = fusion.fuse(found, coverage);
        List<Fusion.Candidate> chosen = decision.decide(q, coverage, ranked, found);
        List<String> taughtFor = taught.articles(q.text(), protocol);
        if (!taughtFor.isEmpty()) {
            chosen = taughtFirst(taughtFor, chosen, coverage);
        }
        return new Found(q.text(), hits(q, grouping.group(chosen, n)), true);
    }

    /**
     * The articles a question was taught for first, then the others the search chose: what was taught is answered,
     * whatever the decision or the out-of-scope questions say.
     */
    private List<Fusion.Candidate> taughtFirst(List<String> ids, List<Fusion.Candidate> chosen, Coverage coverage) {
        double top = chosen.isEmpty() ? 1 : chosen.get(0).score();
        java.util.Set<Integer> taughtDocs = new java.util.HashSet<>();
        List<Fusion.Candidate> out = new ArrayList<>();
        for (String id : ids) {
            int doc = index.doc(id);
            taughtDocs.add(doc);
            out.add(new Fusion.Candidate(doc, top + ids.size() - out.size(), coverage.ofArticleAndExamples(doc)));
        }
        chosen.stream().filter(c -> !taughtDocs.contains(c.doc())).forEach(out::add);
        return out;
    }

    private List<Hit> hits(Question q, List<Grouping.Group> groups) {
        int[] docs = groups.stream().mapToInt(g -> g.first().doc()).toArray();
        String[] sentences = tuning.has(Tuning.Step.ANALYSIS) ? highlights.best(q, docs) : new String[docs.length];
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < docs.length; i++) {
            Fusion.Candidate c = groups.get(i).first();
            hits.add(new Hit(index.articles[c.doc()], c.score(), c.coverage().all(),
                    sentences[i] == null ? "" : sentences[i], groups.get(i).alsoIn()));
        }
        return hits;
    }

    /**
     * How a question is read: each meaningful word with its terms and weight, and for the best candidates their
     * score and the share of the question they cover. For people tuning the search; never logged.
     */
    public String explain(String question, Optional<String> protocol) {
        Question q = reader.read(TextCleaner.clean(question));
        StringBuilder sb = new StringBuilder("cleaned: ").append(q.text()).append('\n');
        q.words().forEach(w -> sb.append("  word: ").append(w).append('\n'));
        if (q.isEmpty()) {
            return sb.toString();
        }
        Coverage coverage = new Coverage(q, index, protocol.isPresent());
        Retrieval.Found found = retrieval.find(q, coverage, protocol);
        List<Fusion.Candidate> ranked = fusion.fuse(found, coverage);
        for (Fusion.Candidate c : ranked.subList(0, Math.min(8, ranked.size()))) {
            sb.append(String.format(Locale.ROOT, "  %-24s score %.3f coverage %.2f specific %.2f%n",
                    index.articles[c.doc()].id(), c.score(), c.coverage().all(), c.coverage().specific()));
        }
        for (Retrieval.QuestionMatch m : found.questions().subList(0, Math.min(3, found.questions().size()))) {
            sb.append(String.format(Locale.ROOT, "  example question of %s: score %.3f coverage %.2f%n",
                    m.outOfScope() ? "(out of scope)" : m.article(), m.score(), m.coverage().all()));
        }
        sb.append(String.format(Locale.ROOT, "  phrasing: nearest examples %.3f, nearest out-of-scope questions %.3f%n",
                found.neighbours().example(), found.neighbours().outOfScope()));
        sb.append(decision.decide(q, coverage, ranked, found).isEmpty() ? "  decision: niets gevonden\n"
                : "  decision: answer\n");
        return sb.toString();
    }

    /**
     * The same rule in other protocols: for each other protocol its article most alike this one (by the measure
     * that groups hits), when alike enough; most alike first. Empty for an unknown article.
     */
    public List<Article> sameRule(String articleId) {
        return corpus().article(articleId).map(a -> grouping.copies(index.doc(a.id()))).orElse(List.of());
    }

    /**
     * Every link between articles of different protocols (see {@link RuleLink}), in the corpus's article order: what
     * the example questions of one protocol's rule teach the same rule in another.
     */
    public List<RuleLink> links() {
        return index.links.stream().map(l -> new RuleLink(index.articles[l.a()], index.articles[l.b()],
                l.similarity(), l.byHand())).toList();
    }

    /** The links of one article, most alike first; empty for an unknown article. */
    public List<RuleLink> links(String articleId) {
        return corpus.article(articleId).map(a -> links().stream().filter(l -> l.joins(a.id()))
                .sorted(java.util.Comparator.comparingDouble(RuleLink::similarity).reversed()).toList())
                .orElse(List.of());
    }

    /** Whether a question holds any word to search for (not only stop words, punctuation or markup). */
    public boolean understands(String question) {
        return !reader.read(TextCleaner.clean(question)).isEmpty();
    }
}
