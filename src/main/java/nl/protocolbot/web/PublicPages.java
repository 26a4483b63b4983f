package nl.protocolbot.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.answer.ArticleLinks;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.Protocol;
import nl.protocolbot.metrics.Metrics;

/** The pages anyone may see: the search with its answer, an article, a protocol. Models only; no HTTP here. */
final class PublicPages {
    /** Longest question the search box takes. */
    static final int MAX_QUESTION = 1000;

    private final VoteTokens votes;
    private final Optional<String> onlyProtocol;
    private final Metrics metrics;

    /**
     * @param onlyProtocol list only this protocol on the home page (the server answers from it alone)
     */
    PublicPages(VoteTokens votes, Optional<String> onlyProtocol, Metrics metrics) {
        this.votes = votes;
        this.onlyProtocol = onlyProtocol;
        this.metrics = metrics;
    }

    /** The home page: the search box, the answer to {@code question} when there is one, and the protocols. */
    Page home(Answerer answerer, String question, boolean voted) {
        Map<String, Object> m = new HashMap<>();
        String q = question == null ? "" : question.strip();
        m.put("title", q.isEmpty() ? "Vraag het protocol" : "Antwoord uit het protocol");
        m.put("q", q);
        m.put("protocols", protocols(answerer.corpus()));
        m.put("error", null);
        m.put("answer", null);
        if (q.length() > MAX_QUESTION) {
            m.put("error", "Je vraag is te lang. Gebruik hooguit " + MAX_QUESTION + " tekens.");
            return new Page(400, "home", m);
        }
        if (!q.isEmpty()) {
            long start = System.nanoTime();
            Answer a = answerer.ask(q);
            metrics.answered(Metrics.Platform.WEB, a.status(), Duration.ofNanos(System.nanoTime() - start));
            m.put("answer", answer(answerer, a, voted));
        }
        return Page.ok("home", m);
    }

    private Views.AnswerView answer(Answerer answerer, Answer a, boolean voted) {
        List<Views.Item> items = new ArrayList<>();
        for (Answer.Item it : a.items()) {
            items.add(item(it, it.highlight()));
        }
        String state = switch (a.status()) {
            case ANSWERED -> "answered";
            case NOTHING_FOUND, NOT_IN_PROTOCOL -> "nothing";
            case EMPTY_QUESTION -> "empty";
        };
        String message = a.message();
        Views.VoteForm form = a.status() == Answer.Status.ANSWERED && !voted
                ? votes.issue(a.items().stream().map(Answer.Item::id).toList(), a.question()) : null;
        return new Views.AnswerView(a.question(), state, message, items, form, voted);
    }

    /** An article's own page, or empty when there is no such article. */
    Optional<Page> article(Answerer answerer, String id, String origin) {
        Corpus corpus = answerer.corpus();
        Optional<Article> found = corpus.article(id);
        Optional<Answer.Item> shown = answerer.show(id);
        if (found.isEmpty() || shown.isEmpty()) {
            return Optional.empty();
        }
        Article a = found.get();
        Protocol p = corpus.protocolOf(a);
        int at = p.articles().indexOf(a);
        Views.Link previous = at > 0 ? neighbour(p.articles().get(at - 1)) : null;
        Views.Link next = at + 1 < p.articles().size() ? neighbour(p.articles().get(at + 1)) : null;
        List<String> sections = a.section().isEmpty() ? List.of() : List.of(a.section().split(" › "));
        Views.ArticlePage page = new Views.ArticlePage(item(shown.get(), ""),
                new Views.Link(ArticleLinks.protocolPath(p.slug()), p.title(), p.organisation()), sections,
                previous, next, origin + ArticleLinks.path(a.id()));
        Map<String, Object> m = new HashMap<>();
        m.put("title", a.title() + " (" + a.id() + ")");
        m.put("page", page);
        return Optional.of(Page.ok("article", m));
    }

    /** A protocol's full text, or empty when there is no such protocol. */
    Optional<Page> protocol(Answerer answerer, String slug) {
        Optional<Protocol> found = answerer.corpus().protocol(slug);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Protocol p = found.get();
        List<Views.Section> sections = new ArrayList<>();
        List<Views.Row> rows = new ArrayList<>();
        String current = null;
        for (Article a : p.articles()) {
            if (current != null && !a.section().equals(current)) {
                sections.add(section(sections.size(), current, rows));
                rows = new ArrayList<>();
            }
            current = a.section();
            rows.add(new Views.Row("artikel-" + a.ref(), a.ref(), ArticleLinks.path(a.id()), a.title(), a.text()));
        }
        if (current != null) {
            sections.add(section(sections.size(), current, rows));
        }
        Map<String, Object> m = new HashMap<>();
        m.put("title", p.title());
        m.put("page", new Views.ProtocolPage(summary(p), p.source(), sections));
        return Optional.of(Page.ok("protocol", m));
    }

    private static Views.Section section(int n, String title, List<Views.Row> rows) {
        return new Views.Section("deel-" + (n + 1), title.isEmpty() ? "Algemeen" : title, List.copyOf(rows));
    }

    private List<Views.ProtocolSummary> protocols(Corpus corpus) {
        return corpus.protocols().stream().filter(p -> onlyProtocol.map(p.slug()::equals).orElse(true))
                .map(PublicPages::summary).toList();
    }

    private static Views.ProtocolSummary summary(Protocol p) {
        return new Views.ProtocolSummary(ArticleLinks.protocolPath(p.slug()), p.title(), p.organisation(),
                p.version(), p.adopted(), p.articles().size());
    }

    private static Views.Link neighbour(Article a) {
        return new Views.Link(ArticleLinks.path(a.id()), a.title(), a.ref());
    }

    static Views.Item item(Answer.Item it, String highlight) {
        String source = it.organisation() + " — " + it.citation() + (it.section().isEmpty() ? "" : " › " + it.section());
        List<Views.Link> also = it.alsoIn().stream()
                .map(r -> new Views.Link(ArticleLinks.path(r.id()), r.id(), r.organisation())).toList();
        return new Views.Item(it.id(), ArticleLinks.path(it.id()), it.title(), it.organisation(), source,
                Views.Marked.of(it.text(), highlight), also);
    }
}
