package nl.protocolbot.teams;

import java.util.Locale;

/**
 * What a Teams message asks for: help, one article by ID ({@code toon aurora/3.5}), or an answer to a question.
 * A stand-in until the shared command grammar ({@code answer/Command}) lands; same words as Slack and the console.
 *
 * @param argument the article ID for {@link Kind#SHOW}, the question for {@link Kind#ASK}
 */
record BotCommand(Kind kind, String argument) {
    enum Kind {
        HELP, SHOW, ASK
    }

    static BotCommand parse(String text) {
        String t = text == null ? "" : text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("help") || lower.equals("hulp") || lower.equals("?")) {
            return new BotCommand(Kind.HELP, "");
        }
        if ((lower.startsWith("toon ") || lower.startsWith("show ")) && t.substring(5).strip().matches("\\S+")) {
            return new BotCommand(Kind.SHOW, t.substring(5).strip());
        }
        return new BotCommand(Kind.ASK, t);
    }
}
