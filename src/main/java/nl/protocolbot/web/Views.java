package nl.protocolbot.web;

import java.util.List;

/**
 * What the templates show, ready to print: plain strings and lists, no logic left for the templates. Accessors are
 * named after what they hold (Pebble would read {@code hasX()} for a field {@code x}).
 */
final class Views {
    private Views() {
    }

    /** A link with its visible text and an optional note printed after it. */
    record Link(String href, String label, String note) {
        Link(String href, String label) {
            this(href, label, "");
        }
    }

    /**
     * Verbatim text with one part marked: {@code before + marked + after} is the whole text, unchanged.
     */
    record Marked(String before, String marked, String after) {
        /** {@code text} with the first occurrence of {@code part} marked, or nothing marked when it does not occur. */
        static Marked of(String text, String part) {
            String p = part == null ? "" : part.strip();
            int at = p.isEmpty() || p.equals(text.strip()) ? -1 : text.indexOf(p);
            if (at < 0) {
                return new Marked(text, "", "");
            }
            return new Marked(text.substring(0, at), p, text.substring(at + p.length()));
        }
    }

    /** One article in an answer or on its page. */
    record Item(String id, String href, String title, String organisation, String source, Marked text,
                List<Link> alsoIn) {
    }

    /** A protocol in the list on the home page. */
    record ProtocolSummary(String href, String title, String organisation, String version, String adopted,
                           int articles) {
    }

    /**
     * The answer to a search.
     *
     * @param state    {@code answered}, {@code nothing} or {@code empty}
     * @param message  what is said when nothing was answered
     * @param vote     the 👍/👎 form, or null when there is none (nothing answered, or already voted)
     * @param voted    whether the user just voted on this answer
     */
    record AnswerView(String question, String state, String message, List<Item> items, VoteForm vote,
                      boolean voted) {
    }

    /** The hidden fields of the 👍/👎 form: what was answered, and a signature that makes the form ours. */
    record VoteForm(String ids, String question, String nonce, String expires, String token) {
    }

    /** One article on its own page, in its protocol's context. */
    record ArticlePage(Item item, Link protocol, List<String> sections, Link previous, Link next,
                       String permalink) {
    }

    /** An article in a protocol's full text. */
    record Row(String anchor, String ref, String href, String title, String text) {
    }

    /** A run of articles under the same headings. */
    record Section(String anchor, String title, List<Row> rows) {
    }

    /** A protocol's full text. */
    record ProtocolPage(ProtocolSummary summary, String source, List<Section> sections) {
    }
}
