package nl.protocolbot.answer;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an article's own web page is: {@code /artikel/<protocol>/<ref>}, absolute under the public address
 * ({@code PROTOCOLBOT_PUBLIC_URL}) when the server has one. Chat adapters link their answers with it; without a
 * public address they show no link.
 *
 * @param base the public address of the web page, e.g. {@code https://protocol.school.nl/}, or empty
 */
public record ArticleLinks(Optional<URI> base) {
    /** Links nowhere: answers carry no link. */
    public static final ArticleLinks NONE = new ArticleLinks(Optional.empty());

    public ArticleLinks {
        Objects.requireNonNull(base, "base");
        base = base.map(ArticleLinks::withoutTrailingSlash);
    }

    /** The page's path, e.g. {@code /artikel/aurora/3.5}. IDs are validated URL-safe by the corpus loader. */
    public static String path(String articleId) {
        return "/artikel/" + articleId;
    }

    /** The page of a protocol, e.g. {@code /protocol/aurora}. */
    public static String protocolPath(String slug) {
        return "/protocol/" + slug;
    }

    /** The absolute address of an article's page, when there is a public address. */
    public Optional<String> of(String articleId) {
        return base.map(b -> b + path(articleId));
    }

    private static URI withoutTrailingSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : u;
    }
}
