package nl.protocolbot.search;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a chat user typed into plain words: chat markup (Slack's {@code <@U123>}, {@code <https://…|label>},
 * {@code :emoji:}, {@code *bold*}; Teams' {@code <at>Name</at>}, HTML tags and entities) is removed, and the
 * result is cut to a bounded length. Lucene syntax needs no escaping because queries are built in code.
 */
final class TextCleaner {
    /** Longest question text considered, in characters; the rest is ignored. */
    static final int MAX_CHARS = 1_000;

    private static final Pattern TEAMS_MENTION = Pattern.compile("(?is)<at>.*?</at>");
    private static final Pattern SLACK_LINK = Pattern.compile("<(?:https?|mailto):[^|>\\s]*\\|([^>]*)>");
    private static final Pattern SLACK_SPECIAL = Pattern.compile("<[@#!][^>]*>");
    private static final Pattern BARE_URL = Pattern.compile("<?(?:https?|mailto):[^\\s>]*>?");
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^<>]{0,200}>");
    private static final Pattern EMOJI = Pattern.compile(":[a-z0-9_+\\-]{1,40}:");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]{1,6});");
    private static final Pattern FORMATTING = Pattern.compile("[*_~`]+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]");

    private TextCleaner() {
    }

    static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.length() > 4 * MAX_CHARS ? raw.substring(0, 4 * MAX_CHARS) : raw;
        s = TEAMS_MENTION.matcher(s).replaceAll(" ");
        s = SLACK_LINK.matcher(s).replaceAll("$1");
        s = SLACK_SPECIAL.matcher(s).replaceAll(" ");
        s = BARE_URL.matcher(s).replaceAll(" ");
        s = TAG.matcher(s).replaceAll(" ");
        s = EMOJI.matcher(s).replaceAll(" ");
        s = decodeEntities(s);
        s = FORMATTING.matcher(s).replaceAll(" ");
        s = CONTROL.matcher(s).replaceAll(" ");
        s = s.replaceAll("\\s+", " ").strip();
        if (s.length() > MAX_CHARS) {
            s = s.substring(0, MAX_CHARS);
        }
        return s;
    }

    private static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = NUMERIC_ENTITY.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int cp;
            try {
                cp = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            } catch (NumberFormatException e) {
                cp = ' ';
            }
            m.appendReplacement(sb, Character.isValidCodePoint(cp) && cp != 0
                    ? Matcher.quoteReplacement(new String(Character.toChars(cp))) : " ");
        }
        m.appendTail(sb);
        return sb.toString()
                .replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
