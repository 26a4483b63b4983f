package nl.protocolbot.corpus;

import java.util.Objects;

/**
 * A question staff might ask, in their own words, that an article answers. Written by the communication department
 * beside the adopted text ({@code examples/<protocol>.txt}); searched along with the article, never shown or quoted.
 *
 * @param articleId the article that answers it
 * @param question  the question as staff would type it
 * @param source    where it stands in the corpus (file and line)
 */
public record Example(String articleId, String question, String source) {
    public Example {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(source, "source");
    }
}
