package nl.protocolbot.teams;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.answer.ArticleLinks;
import nl.protocolbot.answer.Command;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.Protocol;
import nl.protocolbot.feedback.KeptTexts;

/**
 * Teams messages: a message activity with an Adaptive Card 1.4 and a short plain-text summary (what notifications
 * show; the answer itself is in the card only). Every message stays within Teams' size limit (about 28 KB): long
 * article texts are cut at a sentence, with a pointer to the whole article.
 */
final class Cards {
    /** Largest message we build, in bytes of JSON; Teams refuses about 28 KB, and the connector adds addressing. */
    static final int MAX_BYTES = 24_000;
    /** Longest article text tried first, then shorter until the message fits. */
    private static final int[] TEXT_LIMITS = {Integer.MAX_VALUE, 6000, 3000, 1500, 800, 400, 200, 100};

    static final String THANKS = "Bedankt voor je feedback! Zo wordt de bot beter.";
    static final String ALREADY_VOTED = "Je stem op dit antwoord was al geteld. Bedankt!";
    /** The help text, with an article of the corpus in use as the example of {@code toon}. */
    static String help(String exampleId) {
        return "Stel je vraag in een gewoon bericht, bijvoorbeeld: Mag ik een klassenfoto op Instagram zetten?\n\n"
                + "In een kanaal of groepschat noem je me eerst: @protocolbot en dan je vraag.\n\n"
                + "Een artikel opzoeken: toon " + exampleId;
    }
    /** The {@code Action.Submit} data key that marks the bot's own buttons. */
    static final String DATA_KEY = "protocolbot";
    static final String VOTE = "vote";

    /** What a card offers besides the answer. */
    enum Option {
        /** 👍/👎 buttons (only a bot can receive them; an outgoing webhook cannot) */
        VOTES
    }

    /**
     * A built message, with what to log and count about it: its kind, the article IDs it shows (never the text),
     * and for a question how it was answered.
     */
    record Built(JsonObject message, String kind, List<String> articleIds, Optional<Answer.Status> status) {
        Built(JsonObject message, String kind, List<String> articleIds) {
            this(message, kind, articleIds, Optional.empty());
        }
    }

    private Cards() {
    }

    /**
     * The reply to a message: help, one article, or the answer to a question; each article links to its web page
     * when the server has a public address.
     */
    static Built respond(Answerer answerer, String text, Set<Option> options, ArticleLinks links) {
        Command command = Command.parse(text);
        return switch (command.kind()) {
            case HELP -> new Built(text(help(answerer.exampleId())), "help", List.of());
            case SHOW -> answerer.show(command.argument())
                    .map(item -> new Built(article(item, links), "article", List.of(item.id())))
                    .orElseGet(() -> new Built(text("Onbekend artikel \"" + command.argument()
                            + "\". Gebruik een ID zoals " + answerer.exampleId() + "."), "article", List.of()));
            case ASK -> {
                Answer answer = answerer.ask(command.argument());
                yield new Built(answer(answer, options, links), "question",
                        answer.items().stream().map(Answer.Item::id).toList(), Optional.of(answer.status()));
            }
        };
    }

    /** An answer to a question. */
    static JsonObject answer(Answer answer, Set<Option> options) {
        return answer(answer, options, ArticleLinks.NONE);
    }

    static JsonObject answer(Answer answer, Set<Option> options, ArticleLinks links) {
        return fitted(limit -> answerCard(answer, options, limit, links));
    }

    /** One article, for {@code toon ID}. */
    static JsonObject article(Answer.Item item) {
        return article(item, ArticleLinks.NONE);
    }

    static JsonObject article(Answer.Item item, ArticleLinks links) {
        return fitted(limit -> {
            JsonArray body = new JsonArray();
            body.add(item(item, limit, "Dit artikel is te lang voor één bericht en is ingekort; de hele tekst staat "
                    + "in het protocol (zie de bron).", links));
            body.add(reminder());
            return message(item.title() + " (" + item.id() + ")", body, new JsonArray());
        });
    }

    /** A message without a card. */
    static JsonObject text(String text) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "message");
        o.addProperty("text", text);
        return o;
    }

    /**
     * The welcome for someone who installs the bot: what it is for, how to ask, example questions as buttons that
     * ask them, and the core rules chosen by the editors.
     */
    static JsonObject welcome(Corpus corpus, List<Article> coreRules, List<String> examples) {
        return fitted(limit -> Welcome.card(corpus, coreRules, examples, limit));
    }

    private static JsonObject answerCard(Answer answer, Set<Option> options, int limit, ArticleLinks links) {
        JsonArray body = new JsonArray();
        JsonArray actions = new JsonArray();
        switch (answer.status()) {
            case EMPTY_QUESTION -> body.add(textBlock(Answer.NOT_UNDERSTOOD, "Default", null));
            case NOTHING_FOUND, NOT_IN_PROTOCOL -> body.add(textBlock(answer.message(), "Default", null));
            case ANSWERED -> {
                for (Answer.Item item : answer.items()) {
                    JsonObject container = item(item, limit, "Ingekort. Het hele artikel: typ \"toon " + item.id()
                            + "\".", links);
                    if (!body.isEmpty()) {
                        container.addProperty("separator", true);
                        container.addProperty("spacing", "Medium");
                    }
                    body.add(container);
                }
                if (options.contains(Option.VOTES)) {
                    String ids = String.join(",", answer.items().stream().map(Answer.Item::id).toList());
                    actions.add(vote("👍 Nuttig", "up", ids, ""));
                    // the question rides along with 👎, to be kept when the operator turned that on
                    actions.add(vote("👎 Niet nuttig", "down", ids, KeptTexts.cut(answer.question().strip())));
                }
            }
        }
        body.add(reminder());
        return message(summary(answer), body, actions);
    }

    /** The short text beside the card: what notifications and chat lists show. */
    static String summary(Answer answer) {
        return switch (answer.status()) {
            case EMPTY_QUESTION -> firstSentence(Answer.NOT_UNDERSTOOD);
            case NOTHING_FOUND, NOT_IN_PROTOCOL -> firstSentence(answer.message());
            case ANSWERED -> "Dit zegt het protocol: " + String.join("; ", answer.items().stream()
                    .map(i -> i.title() + " (" + i.id() + ")").toList()) + ". " + Answer.REMINDER;
        };
    }

    /** One article: title, ID and organisation, best sentence, verbatim text (cut if needed), source. */
    private static JsonObject item(Answer.Item item, int limit, String whenCut, ArticleLinks links) {
        JsonArray items = new JsonArray();
        items.add(textBlock(item.title(), "Medium", "Bolder"));
        JsonObject meta = subtle(textBlock(item.id() + " · " + item.organisation(), "Small", null));
        meta.addProperty("spacing", "None");
        items.add(meta);
        if (item.showHighlight()) {
            items.add(textBlock(shorten(item.highlight(), limit), "Default", "Bolder"));
        }
        String text = shorten(item.text(), limit);
        items.add(textBlock(text, "Default", null));
        if (!text.equals(item.text())) {
            items.add(subtle(textBlock(whenCut, "Small", null)));
        }
        String source = "Bron: " + item.organisation() + " — " + item.citation()
                + (item.section().isEmpty() ? "" : " › " + item.section());
        if (!item.alsoIn().isEmpty()) {
            source += " · Zo ook in: " + String.join(", ",
                    item.alsoIn().stream().map(r -> r.id() + " (" + r.organisation() + ")").toList());
        }
        items.add(subtle(textBlock(source, "Small", null)));
        links.of(item.id()).ifPresent(url -> items.add(textBlock("[Lees " + item.id() + " op de webpagina](" + url
                + ")", "Small", null)));
        JsonObject container = new JsonObject();
        container.addProperty("type", "Container");
        container.add("items", items);
        return container;
    }

    /** One core rule in the welcome. */
    static JsonObject rule(Corpus corpus, Article a, int limit) {
        Protocol p = corpus.protocolOf(a);
        JsonArray items = new JsonArray();
        items.add(textBlock(a.title() + " · " + a.id(), "Default", "Bolder"));
        String text = shorten(a.text(), limit);
        items.add(textBlock(text + (text.equals(a.text()) ? "" : " (ingekort; typ \"toon " + a.id() + "\")"),
                "Default", null));
        items.add(subtle(textBlock(p.organisation() + " — " + p.citation(), "Small", null)));
        JsonObject container = new JsonObject();
        container.addProperty("type", "Container");
        container.add("items", items);
        return container;
    }

    private static JsonObject vote(String title, String direction, String ids, String question) {
        JsonObject data = new JsonObject();
        data.addProperty(DATA_KEY, VOTE);
        data.addProperty("vote", direction);
        data.addProperty("ids", ids);
        if (!question.isEmpty()) {
            data.addProperty("question", question);
        }
        JsonObject action = new JsonObject();
        action.addProperty("type", "Action.Submit");
        action.addProperty("title", title);
        action.add("data", data);
        return action;
    }

    /** A button that sends {@code question} as if the user typed it (Teams' {@code imBack}). */
    static JsonObject ask(String question) {
        JsonObject msteams = new JsonObject();
        msteams.addProperty("type", "imBack");
        msteams.addProperty("value", question);
        JsonObject data = new JsonObject();
        data.add("msteams", msteams);
        JsonObject action = new JsonObject();
        action.addProperty("type", "Action.Submit");
        action.addProperty("title", question);
        action.add("data", data);
        return action;
    }

    static JsonObject reminder() {
        JsonObject reminder = textBlock(Answer.REMINDER, "Default", "Bolder");
        reminder.addProperty("separator", true);
        return reminder;
    }

    /** The message activity holding one card. */
    static JsonObject message(String summary, JsonArray body, JsonArray actions) {
        JsonObject card = new JsonObject();
        card.addProperty("type", "AdaptiveCard");
        card.addProperty("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.addProperty("version", "1.4");
        card.add("body", body);
        if (!actions.isEmpty()) {
            card.add("actions", actions);
        }
        JsonObject attachment = new JsonObject();
        attachment.addProperty("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.add("content", card);
        JsonArray attachments = new JsonArray();
        attachments.add(attachment);
        JsonObject message = text(summary);
        message.add("attachments", attachments);
        return message;
    }

    /** The first rendering, from the full texts down to shorter cuts, that fits in {@link #MAX_BYTES}. */
    private static JsonObject fitted(IntFunction<JsonObject> render) {
        JsonObject m = null;
        for (int limit : TEXT_LIMITS) {
            m = render.apply(limit);
            if (bytes(m) <= MAX_BYTES) {
                return m;
            }
        }
        return m;
    }

    static int bytes(JsonObject message) {
        return message.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The text when it is at most {@code limit} characters; otherwise its beginning up to the last sentence end (or,
     * failing that, word) within the limit, followed by an ellipsis.
     */
    static String shorten(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int cut = -1;
        for (String end : new String[] {". ", "! ", "? ", ".\n", "\n"}) {
            int i = text.lastIndexOf(end, limit - 1);
            cut = Math.max(cut, i < 0 ? -1 : i + 1);
        }
        if (cut < limit / 3) {
            cut = text.lastIndexOf(' ', limit - 1);
        }
        if (cut <= 0) {
            cut = limit - 1;
        }
        return text.substring(0, cut).strip() + " …";
    }

    private static String firstSentence(String s) {
        int i = s.indexOf(". ");
        return i < 0 ? s : s.substring(0, i + 1);
    }

    static JsonObject textBlock(String text, String size, String weight) {
        JsonObject t = new JsonObject();
        t.addProperty("type", "TextBlock");
        t.addProperty("text", text);
        t.addProperty("wrap", true);
        if (!"Default".equals(size)) {
            t.addProperty("size", size);
        }
        if (weight != null) {
            t.addProperty("weight", weight);
        }
        return t;
    }

    private static JsonObject subtle(JsonObject block) {
        block.addProperty("isSubtle", true);
        return block;
    }
}
