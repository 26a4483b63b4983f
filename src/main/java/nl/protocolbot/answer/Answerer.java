package nl.protocolbot.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.Protocol;
import nl.protocolbot.search.Hit;
import nl.protocolbot.search.SearchEngine;

/**
 * The bot's answer logic, shared by every front end: question in, {@link Answer} out.
 * Thread-safe.
 */
public final class Answerer {
    private final SearchEngine engine;

    public Answerer(SearchEngine engine) {
        this.engine = engine;
    }

    /** Answers a question from all protocols, or from one when {@code protocol} is given. */
    public Answer ask(String question, int limit, Optional<String> protocol) {
        String q = question == null ? "" : question.strip();
        if (q.isEmpty()) {
            return new Answer("", Answer.Status.EMPTY_QUESTION, List.of());
        }
        List<Hit> hits = engine.search(q, limit, protocol);
        if (hits.isEmpty()) {
            Answer.Status status = engine.understands(q) ? Answer.Status.NOTHING_FOUND : Answer.Status.EMPTY_QUESTION;
            return new Answer(q, status, List.of());
        }
        List<Answer.Item> items = new ArrayList<>();
        for (Hit h : hits) {
            items.add(item(h.article(), h.highlight(), h.score(), h.alsoIn()));
        }
        return new Answer(q, Answer.Status.ANSWERED, items);
    }

    /** One article by ID, for lookups by number. */
    public Optional<Answer.Item> show(String id) {
        return corpus().article(id.strip()).map(a -> item(a, "", 0, List.of()));
    }

    /** How the search reads a question (see {@link SearchEngine#explain}). */
    public String explain(String question, Optional<String> protocol) {
        return engine.explain(question, protocol);
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
