package nl.protocolbot.answer;

import java.util.List;
import java.util.Objects;

/**
 * The bot's reply to one question, independent of where it is shown (terminal, JSON, Slack, Teams).
 *
 * @param question the question as asked
 * @param status   whether articles were found
 * @param items    the articles, best first; empty unless {@link Status#ANSWERED}
 */
public record Answer(String question, Status status, List<Item> items) {
    /** Said under every answer. */
    public static final String REMINDER = "Bij twijfel: niet publiceren.";
    /** Said when the protocol does not cover the question. */
    public static final String NOTHING_FOUND = "Daar staat niets over in het protocol. "
            + "Overleg met je leidinggevende voordat je iets publiceert.";
    /**
     * Said when the protocol in use does not cover the question but another board's protocol does: honest about the
     * gap, without quoting another board's rule as if it were theirs.
     */
    public static final String NOT_IN_PROTOCOL = "Jouw protocol zegt hier niets over. Andere schoolbesturen hebben er"
            + " wel een regel over. Overleg met je leidinggevende voordat je iets publiceert.";
    /** Said when the bot is too busy to answer now. */
    public static final String BUSY_MESSAGE = "Het is even druk, probeer het zo opnieuw.";
    /** Said when the question holds no words to search for. */
    public static final String NOT_UNDERSTOOD = "Ik heb geen vraag gevonden om te zoeken. "
            + "Stel je vraag in een hele zin, bijvoorbeeld: \"Mag ik een klassenfoto op Instagram zetten?\"";

    public enum Status {
        /** Articles answer the question. */
        ANSWERED,
        /** No protocol covers the question. */
        NOTHING_FOUND,
        /** The protocol in use does not cover it; another protocol of the corpus does. */
        NOT_IN_PROTOCOL,
        /** The question holds no word to search for. */
        EMPTY_QUESTION
    }

    /** What to say instead of articles: empty when answered. */
    public String message() {
        return switch (status) {
            case ANSWERED -> "";
            case NOTHING_FOUND -> NOTHING_FOUND;
            case NOT_IN_PROTOCOL -> NOT_IN_PROTOCOL;
            case EMPTY_QUESTION -> NOT_UNDERSTOOD;
        };
    }

    public Answer {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(status, "status");
        items = List.copyOf(items);
    }

    /**
     * One article in an answer.
     *
     * @param id           article ID, e.g. {@code aurora/3.5}
     * @param organisation the school board whose protocol it is
     * @param protocol     the protocol's title
     * @param citation     the protocol's title with version and adoption date where known
     * @param section      the headings above the article
     * @param title        the article's short title
     * @param text         the verbatim article text
     * @param highlight    the sentence that best matches the question
     * @param score        ranking score
     * @param alsoIn       the same rule in other protocols
     */
    public record Item(String id, String organisation, String protocol, String citation, String section, String title,
                       String text, String highlight, double score, List<Reference> alsoIn) {
        public Item {
            alsoIn = List.copyOf(alsoIn);
        }

        /** Whether the best sentence is worth showing apart from the text (it is not the whole article). */
        public boolean showHighlight() {
            return !highlight.isBlank() && !highlight.strip().equals(text.strip());
        }
    }

    /** A pointer to an article: its ID and organisation. */
    public record Reference(String id, String organisation) {
    }
}
