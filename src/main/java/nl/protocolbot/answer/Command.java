package nl.protocolbot.answer;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one command grammar of every front end (console, Slack, Teams): {@code help}, {@code toon ID} (an article by
 * its ID, e.g. {@code toon aurora/3.5}), or else a question. Chat markup such as a leading @mention is the
 * adapter's to remove first.
 *
 * @param kind     what is asked for
 * @param argument the article ID for {@link Kind#SHOW}, the question for {@link Kind#ASK}, empty for {@link Kind#HELP}
 */
public record Command(Kind kind, String argument) {
    public enum Kind {
        HELP, SHOW, ASK
    }

    private static final Pattern SHOW = Pattern.compile("(?iu)(?:toon|show)(?:\\s+(\\S+))?");
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._-]+/[\\p{L}\\p{N}._-]+");

    /**
     * Reads what a user typed: blank, {@code help}, {@code hulp} or {@code ?} is help; {@code toon} or
     * {@code show} followed by one word that looks like an article ID ({@code slug/ref}) shows that article
     * ({@code toon} alone is help); anything else, "toon me de regels" included, is a question.
     */
    public static Command parse(String text) {
        String t = text == null ? "" : text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (t.isEmpty() || lower.equals("help") || lower.equals("hulp") || lower.equals("?")) {
            return new Command(Kind.HELP, "");
        }
        var show = SHOW.matcher(t);
        if (show.matches()) {
            String id = show.group(1);
            if (id == null) {
                return new Command(Kind.HELP, "");
            }
            if (ID.matcher(id).matches()) {
                return new Command(Kind.SHOW, id);
            }
        }
        return new Command(Kind.ASK, t);
    }
}
