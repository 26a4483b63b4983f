package nl.protocolbot.slack;

import java.util.regex.Pattern;

/**
 * What a person typed, from the text Slack sends: Slack's own markup taken out. Slack writes mentions, channel
 * links, links and special mentions as {@code <…>} sequences and escapes {@code &}, {@code <} and {@code >} (see
 * Slack's "formatting text" reference). No library here reads that format (Bolt hands the text over as it came),
 * so the four patterns are written out. What is left is plain text; the search does the generic cleaning.
 */
final class SlackText {
    /** {@code <https://…|label>} and {@code <mailto:…|label>}: the label is what the person wrote. */
    private static final Pattern LABELLED_LINK = Pattern.compile("<(?:https?|mailto):[^|<>]*\\|([^<>]*)>");
    /** {@code <#C123|algemeen>}: the channel's name is part of the sentence. */
    private static final Pattern CHANNEL = Pattern.compile("<#[A-Z0-9]+\\|([^<>]*)>");
    /** {@code <@U123>}, {@code <@U123|naam>}, {@code <#C123>}, {@code <!here>}, {@code <!subteam^S1|@team>}, bare
     * links: not part of the question (and a person's ID is never passed on). */
    private static final Pattern OTHER = Pattern.compile("<[@#!][^<>]*>|<(?:https?|mailto):[^<>]*>");

    private SlackText() {
    }

    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String s = LABELLED_LINK.matcher(text).replaceAll(m -> " " + quote(m.group(1)) + " ");
        s = CHANNEL.matcher(s).replaceAll(m -> " " + quote(m.group(1)) + " ");
        s = OTHER.matcher(s).replaceAll(" ");
        // Slack's escaping, &amp; last so that "&amp;lt;" stays the text "&lt;"
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip();
    }

    private static String quote(String s) {
        return java.util.regex.Matcher.quoteReplacement(s);
    }
}
