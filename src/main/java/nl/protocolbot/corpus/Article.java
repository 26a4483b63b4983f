package nl.protocolbot.corpus;

import java.util.Objects;

/**
 * One article of a protocol: a numbered rule, a bullet, a paragraph or a footnote, quoted verbatim.
 *
 * @param id       stable ID, {@code <protocol>/<ref>}, for example {@code aurora/3.5}
 * @param protocol the protocol's slug, for example {@code aurora}
 * @param title    a short human title (written by the corpus editors, not part of the policy text)
 * @param section  the headings above the article, joined with " › "
 * @param text     the article's verbatim text, Markdown markup removed
 * @param source   where the article stands in the corpus (file and line)
 */
public record Article(String id, String protocol, String title, String section, String text, String source) {
    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
    }

    /** The part of the ID after the slash. */
    public String ref() {
        return id.substring(id.indexOf('/') + 1);
    }
}
