package nl.protocolbot.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.Protocol;
import nl.protocolbot.search.Hit;
import nl.protocolbot.search.RuleLink;
import nl.protocolbot.search.SearchEngine;

/**
 * The bot's answer logic, shared by every front end: question in, {@link Answer} out.
 * Thread-safe.
 */
public final class Answerer {
    private final SearchEngine engine;
    private final Optional<String> defaultProtocol;
    private final Consumer<String> unanswered;

    /** An answerer over all protocols that reports nothing. */
    public Answerer(SearchEngine engine) {
        this(engine, Optional.empty(), q -> { });
    }

    /**
     * @param defaultProtocol answer from this protocol only, unless a call names another
     * @param unanswered      told the (cleaned) text of every question the protocol does not cover
     */
    public Answerer(SearchEngine engine, Optional<String> defaultProtocol, Consumer<String> unanswered) {
        this.engine = engine;
        this.defaultProtocol = defaultProtocol;
        this.unanswered = unanswered;
    }

    /** Answers a question as it came from a chat (markup and all) with the default settings. */
    public Answer ask(String question) {
        return ask(question, SearchEngine.DEFAULT_LIMIT, Optional.empty());
    }

    /** Answers a question from all protocols (or the default one), or from {@code protocol} when given. */
    public Answer ask(String question, int limit, Optional<String> protocol) {
        Optional<String> scope = protocol.isPresent() ? protocol : defaultProtocol;
        SearchEngine.Found found = engine.find(question == null ? "" : question, limit, scope);
        String q = found.question();
        List<Hit> hits = found.hits();
        if (hits.isEmpty()) {
            if (!found.understood()) {
                return new Answer(q, Answer.Status.EMPTY_QUESTION, List.of());
            }
            unanswered.accept(q);
            return new Answer(q, scope.isPresent() && elsewhere(question, limit) ? Answer.Status.NOT_IN_PROTOCOL
                    : Answer.Status.NOTHING_FOUND, List.of());
        }
        List<Answer.Item> items = new ArrayList<>();
        for (Hit h : hits) {
            items.add(item(h.article(), h.highlight(), h.score(), h.alsoIn()));
        }
        return new Answer(q, Answer.Status.ANSWERED, items);
    }

    /** Whether another protocol of the corpus answers a question that the protocol in use does not. */
    private boolean elsewhere(String question, int limit) {
        return corpus().protocols().size() > 1 && !engine.find(question, limit, Optional.empty()).hits().isEmpty();
    }

    /** One article by ID, for lookups by number, with the same rule in other protocols. */
    public Optional<Answer.Item> show(String id) {
        return corpus().article(id.strip()).map(a -> item(a, "", 0, engine.sameRule(a.id())));
    }

    /** Every link between articles of different protocols (see {@link SearchEngine#links()}). */
    public List<RuleLink> links() {
        return engine.links();
    }

    /** The links of one article, most alike first (see {@link SearchEngine#links(String)}). */
    public List<RuleLink> links(String articleId) {
        return engine.links(articleId);
    }

    /** How the search reads a question (see {@link SearchEngine#explain}). */
    public String explain(String question, Optional<String> protocol) {
        return engine.explain(question, protocol);
    }

    /** The protocol answers come from unless a call names another ({@code PROTOCOLBOT_ORG}), if any. */
    /**
     * The core rules to show (Slack's App Home, the Teams welcome): those of the configured protocol, or all when
     * none is configured. A protocol without its own list in {@code core-rules.txt} (one just imported) shows its
     * articles linked to the other protocols' core rules: the same rules, in its own words.
     */
    public List<Article> coreRules() {
        List<Article> all = corpus().coreRules();
        if (defaultProtocol.isEmpty()) {
            return all;
        }
        String own = defaultProtocol.get();
        List<Article> listed = all.stream()
                .filter(a -> a.protocol().equals(own)).toList();
        if (!listed.isEmpty()) {
            return listed;
        }
        java.util.LinkedHashSet<Article> linked = new java.util.LinkedHashSet<>();
        for (Article rule : all) {
            for (RuleLink l : links(rule.id())) {
                Article other = l.other(rule.id());
                if (other.protocol().equals(own)) {
                    linked.add(other);
                }
            }
        }
        return List.copyOf(linked);
    }

    /**
     * The article the help texts name as an example of {@code toon ID}: the first core rule shown, else the first
     * article of the configured protocol (or of the corpus). Built from the corpus in use, so that help never names
     * an article this bot does not have.
     */
    public String exampleId() {
        List<Article> rules = coreRules();
        if (!rules.isEmpty()) {
            return rules.get(0).id();
        }
        return corpus().articles().stream().filter(a -> defaultProtocol.map(a.protocol()::equals).orElse(true))
                .findFirst().or(() -> corpus().articles().stream().findFirst()).map(Article::id).orElse("");
    }

    public Optional<String> defaultProtocol() {
        return defaultProtocol;
    }

    public Corpus corpus() {
        return engine.corpus();
    }

    private Answer.Item item(Article a, String highlight, double score, List<Article> alsoIn) {
        Protocol p = corpus().protocolOf(a);
        List<Answer.Reference> refs = new ArrayList<>();
        for (Article other : alsoIn) {
            refs.add(new Answer.Reference(other.id(), corpus().protocolOf(other).organisation()));
        }
        return new Answer.Item(a.id(), p.organisation(), p.title(), p.citation(), a.section(), a.title(), a.text(),
                highlight, score, refs);
    }
}
