package nl.protocolbot.search;

import java.util.Objects;
import nl.protocolbot.corpus.Article;

/**
 * Two articles of different protocols that state the same rule: the example questions of each also serve the other
 * when a board asks within its own protocol. Computed from the text and the example questions, or made by hand in
 * {@code links.txt}.
 *
 * @param first      an article
 * @param second     the article of another protocol
 * @param similarity how alike the two are, 0 to 1 (1 for a link made by hand)
 * @param byHand     whether {@code links.txt} made it
 */
public record RuleLink(Article first, Article second, double similarity, boolean byHand) {
    public RuleLink {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
    }

    /** The other article of the link, seen from {@code article}. */
    public Article other(Article article) {
        return article.id().equals(first.id()) ? second : first;
    }
}
