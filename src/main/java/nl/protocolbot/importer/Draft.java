package nl.protocolbot.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * A protocol as the importer proposes it, before it is written: front matter the document states, the articles with
 * their verbatim text, and what the importer left out or was unsure of. Immutable: merging, splitting and retitling
 * return a new draft.
 *
 * @param title     the document's title (empty when it states none)
 * @param version   the version it states, or empty
 * @param adopted   the adoption date it states (ISO {@code yyyy-mm-dd}), or empty
 * @param articles  the proposed articles, in document order
 * @param dropped   lines left out as page furniture, a table of contents, form fields or too short to be a rule
 * @param document  the document's text as read, one block per line (list items with their markers), for review
 */
public record Draft(String title, String version, String adopted, List<Article> articles, List<String> dropped,
                    List<String> document) {
    /** Words above which an article is reported as very long, and below which as very short. */
    static final int LONG = 150;
    static final int SHORT = 4;

    public Draft {
        articles = List.copyOf(articles);
        dropped = List.copyOf(dropped);
        document = List.copyOf(document);
    }

    /**
     * One proposed article.
     *
     * @param ref        its number in the protocol, from the document's numbering where it has one
     * @param section    the headings above it, joined with " › "
     * @param title      its own heading in the document, or empty (a title is the communication department's to
     *                   write, never protocol text)
     * @param paragraphs its verbatim text, one entry per paragraph or list item
     */
    public record Article(String ref, String section, String title, List<String> paragraphs) {
        public Article {
            paragraphs = List.copyOf(paragraphs);
        }

        public String text() {
            return String.join("\n", paragraphs);
        }

        public int words() {
            return paragraphs.stream().mapToInt(p -> p.split("\\s+").length).sum();
        }
    }

    /** The article at {@code index} merged with the one after it (the first one's number, section and title). */
    public Draft merge(int index) {
        if (index < 0 || index + 1 >= articles.size()) {
            throw new IllegalArgumentException("geen volgend artikel om mee samen te voegen");
        }
        List<Article> out = new ArrayList<>(articles);
        Article a = out.get(index);
        Article b = out.remove(index + 1);
        List<String> paragraphs = new ArrayList<>(a.paragraphs());
        paragraphs.addAll(b.paragraphs());
        out.set(index, new Article(a.ref(), a.section(), a.title().isEmpty() ? b.title() : a.title(), paragraphs));
        return with(out);
    }

    /** The article at {@code index} split before its paragraph {@code at}; the second part gets a new number. */
    public Draft split(int index, int at) {
        if (index < 0 || index >= articles.size()) {
            throw new IllegalArgumentException("onbekend artikel");
        }
        Article a = articles.get(index);
        if (at <= 0 || at >= a.paragraphs().size()) {
            throw new IllegalArgumentException("een artikel splitsen kan alleen tussen twee alinea's");
        }
        Set<String> used = new HashSet<>();
        articles.forEach(x -> used.add(x.ref()));
        String ref = Structure.unique(a.ref() + "-2", used);
        List<Article> out = new ArrayList<>(articles);
        out.set(index, new Article(a.ref(), a.section(), a.title(), a.paragraphs().subList(0, at)));
        out.add(index + 1, new Article(ref, a.section(), "", a.paragraphs().subList(at, a.paragraphs().size())));
        return with(out);
    }

    /** The article at {@code index} with a new title (one line; empty removes it). */
    public Draft retitle(int index, String newTitle) {
        if (index < 0 || index >= articles.size()) {
            throw new IllegalArgumentException("onbekend artikel");
        }
        String t = newTitle == null ? "" : newTitle.replaceAll("\\s+", " ").strip();
        if (t.length() > 200) {
            throw new IllegalArgumentException("een titel is hoogstens 200 tekens");
        }
        List<Article> out = new ArrayList<>(articles);
        Article a = out.get(index);
        out.set(index, new Article(a.ref(), a.section(), t, a.paragraphs()));
        return with(out);
    }

    private Draft with(List<Article> out) {
        return new Draft(title, version, adopted, out, dropped, document);
    }

    /** Articles per section, in document order (an article outside any section counts under ""). */
    public Map<String, Integer> perSection() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Article a : articles) {
            out.merge(a.section(), 1, Integer::sum);
        }
        return out;
    }

    /** What the importer was unsure of: very long and very short articles, and articles without a title. */
    public List<String> doubts() {
        List<String> out = new ArrayList<>();
        for (Article a : articles) {
            int words = a.words();
            if (words > LONG) {
                out.add("[" + a.ref() + "] is erg lang (" + words + " woorden): misschien zijn het meer regels");
            } else if (words < SHORT) {
                out.add("[" + a.ref() + "] is erg kort (" + words + " woorden): \"" + a.text() + "\"");
            }
        }
        return out;
    }

    /**
     * The number of articles the document gives no number (bullets, paragraphs, lists it does not number): their ID
     * is made from the heading above them.
     */
    public long unnumbered() {
        return articles.stream().filter(a -> !a.ref().matches("\\d+(\\.\\d+)*(\\.[a-z])?(-\\d+)?")).count();
    }

    /** The number of articles without a title of their own. */
    public long untitled() {
        return articles.stream().filter(a -> a.title().isEmpty()).count();
    }

    /** The protocol file in the corpus format. */
    public String markdown(String slug, String organisation) {
        return ProtocolMarkdown.render(this, slug, organisation);
    }
}
