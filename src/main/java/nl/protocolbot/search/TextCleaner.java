package nl.protocolbot.search;

import java.util.regex.Pattern;

/**
 * Turns a question into plain words, whatever front end it came from: web addresses, emoji short codes
 * ({@code :camera:}), formatting characters ({@code *bold*}, {@code _italic_}, {@code `code`}) and control
 * characters are removed, and the result is cut to a bounded length. Each chat's own markup (Slack's
 * {@code <@U123>}, Teams' {@code <at>Name</at>} and HTML) is removed by its adapter before the question gets here.
 * Lucene syntax needs no escaping because queries are built in code.
 */
final class TextCleaner {
    /** Longest question text considered, in characters; the rest is ignored. */
    static final int MAX_CHARS = 1_000;

    private static final Pattern URL = Pattern.compile("(?:https?|mailto):\\S*");
    private static final Pattern EMOJI = Pattern.compile(":[a-z0-9_+\\-]{1,40}:");
    private static final Pattern FORMATTING = Pattern.compile("[*_~`]+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]");

    private TextCleaner() {
    }

    static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.length() > 4 * MAX_CHARS ? raw.substring(0, 4 * MAX_CHARS) : raw;
        s = URL.matcher(s).replaceAll(" ");
        s = EMOJI.matcher(s).replaceAll(" ");
        s = FORMATTING.matcher(s).replaceAll(" ");
        s = CONTROL.matcher(s).replaceAll(" ");
        s = s.replaceAll("\\s+", " ").strip();
        if (s.length() > MAX_CHARS) {
            s = s.substring(0, MAX_CHARS);
        }
        return s;
    }
}
