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

    /** The other article of the link, seen from the article {@code articleId}. */
    public Article other(String articleId) {
        return articleId.equals(first.id()) ? second : first;
    }

    /** Whether one of the two articles is {@code articleId}. */
    public boolean joins(String articleId) {
        return first.id().equals(articleId) || second.id().equals(articleId);
    }

    /** Whether one of the two articles belongs to the protocol {@code slug}. */
    public boolean involves(String slug) {
        return first.protocol().equals(slug) || second.protocol().equals(slug);
    }

    /** How the link was made, in Dutch: by hand in {@code links.txt}, or computed with its similarity. */
    public String how() {
        return byHand ? "met de hand (links.txt)"
                : String.format(java.util.Locale.ROOT, "berekend, gelijkenis %.2f", similarity);
    }
}
