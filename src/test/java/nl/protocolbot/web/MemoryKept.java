package nl.protocolbot.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Kept question texts in memory, for tests of the pages (the real store is the feedback database). */
final class MemoryKept implements WebApp.KeptQuestions {
    final List<WebApp.Kept> kept = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    String add(WebApp.Kind kind, String question, List<String> articleIds) {
        String id = "k" + ids.incrementAndGet();
        kept.add(0, new WebApp.Kept(id, kind, LocalDate.of(2026, 3, 2), question, articleIds));
        return id;
    }

    @Override
    public List<WebApp.Kept> list(int limit) {
        return new ArrayList<>(kept.subList(0, Math.min(limit, kept.size())));
    }

    @Override
    public Optional<WebApp.Kept> find(String id) {
        return kept.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    @Override
    public boolean delete(String id) {
        return kept.removeIf(k -> k.id().equals(id));
    }

    @Override
    public void downvoted(String question, List<String> articleIds) {
        add(WebApp.Kind.DOWNVOTED, question, articleIds);
    }
}
