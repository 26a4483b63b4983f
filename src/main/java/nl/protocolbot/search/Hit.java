package nl.protocolbot.search;

import java.util.List;
import java.util.Objects;
import nl.protocolbot.corpus.Article;

/**
 * One article found for a question.
 *
 * @param article   the article
 * @param score     the ranking score (higher is better; comparable only within one search)
 * @param coverage  the share of the question's meaningful content the article matches, 0 to 1
 * @param highlight the article's sentence that best matches the question
 * @param alsoIn    near-identical articles of other protocols, grouped under this one
 */
public record Hit(Article article, double score, double coverage, String highlight, List<Article> alsoIn) {
    public Hit {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(highlight, "highlight");
        alsoIn = List.copyOf(alsoIn);
    }
}
