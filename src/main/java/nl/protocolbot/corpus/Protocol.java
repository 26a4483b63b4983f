package nl.protocolbot.corpus;

import java.util.List;
import java.util.Objects;

/**
 * One school board's protocol: its metadata and its articles in document order.
 *
 * @param slug         short lower-case name used in IDs, for example {@code aurora}
 * @param organisation the school board
 * @param title        the protocol's title
 * @param version      version as the document gives it, or empty
 * @param adopted      adoption date as the document gives it, or empty
 * @param source       free-text source note, or empty
 * @param articles     the articles, in document order
 */
public record Protocol(String slug, String organisation, String title, String version, String adopted,
                       String source, List<Article> articles) {
    public Protocol {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(title, "title");
        version = Objects.requireNonNullElse(version, "");
        adopted = Objects.requireNonNullElse(adopted, "");
        source = Objects.requireNonNullElse(source, "");
        articles = List.copyOf(articles);
    }

    /** "Titel (versie 1.0, vastgesteld 2021-11-22)" or just the title when the document gives neither. */
    public String citation() {
        StringBuilder sb = new StringBuilder(title);
        if (!version.isEmpty() || !adopted.isEmpty()) {
            sb.append(" (");
            if (!version.isEmpty()) {
                sb.append("versie ").append(version);
            }
            if (!adopted.isEmpty()) {
                sb.append(version.isEmpty() ? "" : ", ").append("vastgesteld ").append(adopted);
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
