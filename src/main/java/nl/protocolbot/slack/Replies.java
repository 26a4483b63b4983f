package nl.protocolbot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.ArticleLinks;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.Protocol;
import nl.protocolbot.feedback.KeptTexts;

/** Turns answers into Slack Block Kit messages, with a plain-text fallback for notifications. */
final class Replies {
    /** Slack's limit for the blocks of a message. */
    static final int MAX_BLOCKS = 50;
    /** Slack's limit for the blocks of a Home tab. */
    static final int MAX_HOME_BLOCKS = 100;
    /** Slack's limit for the text of a section or context element. */
    static final int SECTION_LIMIT = 3000;
    /** Slack's limit for a button's value. */
    static final int VALUE_LIMIT = 2000;
    /** Article text in an answer: one section; a longer article is cut at a sentence, with a pointer to it whole. */
    static final int ANSWER_TEXT = 2800;
    /** Article text when one article is looked up: ten sections, well within a message's limits. */
    static final int ARTICLE_TEXT = 10 * ANSWER_TEXT;
    /** The plain-text fallback Slack shows in notifications. */
    static final int FALLBACK_TEXT = 3000;
    private static final Locale DUTCH = Locale.forLanguageTag("nl");

    static final String ACTION_VOTE_UP = "protocol_vote_up";
    static final String ACTION_VOTE_DOWN = "protocol_vote_down";
    static final String ACTION_SHARE = "protocol_share";

    static final String BUSY = Answer.BUSY_MESSAGE;
    static final String THANKS = "Bedankt voor je feedback! Zo wordt de bot beter.";
    static final String NOT_SHAREABLE = "Dit antwoord kan niet meer gedeeld worden. Stel je vraag opnieuw.";
    /** Help in a direct message or a mention, with an article of the corpus in use as the example of {@code toon}. */
    static String help(String exampleId) {
        return "Stuur me je vraag als bericht, bijvoorbeeld: mag ik een klassenfoto op Instagram zetten?\n"
                + "In een kanaal noem je me eerst: `@protocolbot` en dan je vraag (ik antwoord in de thread).\n"
                + "Een artikel opzoeken: `toon " + exampleId + "`. Alleen jij ziet het antwoord met `/protocol <vraag>`.";
    }

    /** How {@code /protocol} is used, with an article of the corpus in use as the example of {@code toon}. */
    static String usage(String exampleId) {
        return "Stel je vraag na het commando, bijvoorbeeld `/protocol mag ik een klassenfoto op Instagram zetten?`\n"
                + "Een artikel opzoeken: `/protocol toon " + exampleId + "`";
    }

    /** The buttons under an answer. */
    enum Buttons {
        /** 👍/👎 only: the answer is already where everyone sees it. */
        VOTES,
        /** 👍/👎 and "Deel in kanaal": an answer only the asker sees. */
        VOTES_AND_SHARE
    }

    /** A message: blocks plus the fallback text Slack shows in notifications. */
    record Message(List<LayoutBlock> blocks, String text) {
    }

    private Replies() {
    }

    /** The answer as a message; "Deel in kanaal" only when articles were found, as there is nothing else to share. */
    static Message answer(Answer answer, Buttons offer) {
        return answer(answer, offer, ArticleLinks.NONE);
    }

    /** {@link #answer(Answer, Buttons)}, each article linking to its web page when there is a public address. */
    static Message answer(Answer answer, Buttons offer, ArticleLinks links) {
        List<LayoutBlock> blocks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        List<Answer.Item> shown = List.of();
        switch (answer.status()) {
            case EMPTY_QUESTION -> {
                blocks.add(section(s -> s.text(markdownText(escape(Answer.NOT_UNDERSTOOD)))));
                text.append(Answer.NOT_UNDERSTOOD);
            }
            case NOTHING_FOUND, NOT_IN_PROTOCOL -> {
                blocks.add(section(s -> s.text(markdownText(escape(answer.message())))));
                text.append(answer.message());
            }
            case ANSWERED -> {
                shown = fit(blocks, answer.items(), links);
                text.append("Dit zegt het protocol: ").append(String.join("; ", shown.stream()
                        .map(i -> i.title() + " (" + i.id() + ")").toList())).append(". ");
            }
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("*" + Answer.REMINDER + "*")))));
        text.append(Answer.REMINDER);
        if (!shown.isEmpty()) {
            // the buttons carry the article IDs: a vote counts for them, and sharing shows them again without a
            // new search (which could find something else, or count a question as unanswered once more)
            String ids = ids(shown);
            String down = withQuestion(ids, answer.question());
            List<BlockElement> buttons = new ArrayList<>();
            buttons.add(button(b -> b.actionId(ACTION_VOTE_UP).text(plainText("👍 Nuttig")).value(ids)));
            buttons.add(button(b -> b.actionId(ACTION_VOTE_DOWN).text(plainText("👎 Niet nuttig")).value(down)));
            if (offer == Buttons.VOTES_AND_SHARE) {
                buttons.add(button(b -> b.actionId(ACTION_SHARE).text(plainText("Deel in kanaal")).value(ids)
                        .style("primary")));
            }
            blocks.add(actions(buttons));
        }
        return new Message(blocks, cut(text.toString(), FALLBACK_TEXT).text());
    }

    /**
     * Adds the articles, each cut to one section, as many as fit in a message with room for the reminder and the
     * buttons; returns those shown.
     */
    private static List<Answer.Item> fit(List<LayoutBlock> blocks, List<Answer.Item> items, ArticleLinks links) {
        List<Answer.Item> shown = new ArrayList<>();
        for (Answer.Item item : items) {
            List<LayoutBlock> more = new ArrayList<>();
            if (!shown.isEmpty()) {
                more.add(divider());
            }
            article(more, item, ANSWER_TEXT, "Ingekort. Het hele artikel: `/protocol toon " + item.id() + "`", links);
            if (blocks.size() + more.size() > MAX_BLOCKS - 2) {
                break;
            }
            blocks.addAll(more);
            shown.add(item);
        }
        return shown;
    }

    /**
     * The 👎 button's value: the IDs, and on the next line the question (as the store would keep it), so that a
     * 👎 can keep the question's text when the operator turned that on. The question is already in the
     * conversation; it is left out when both would not fit in a button's value.
     */
    static String withQuestion(String ids, String question) {
        String q = KeptTexts.cut(question.strip());
        return q.isEmpty() || ids.length() + 1 + q.length() > VALUE_LIMIT ? ids : ids + "\n" + q;
    }

    /** The article IDs of a button's value (its first line). */
    static String idsOf(String value) {
        int line = value.indexOf('\n');
        return line < 0 ? value : value.substring(0, line);
    }

    /** The question a 👎 button's value carries, if any (the store drops a blank one). */
    static java.util.Optional<String> questionOf(String value) {
        int line = value.indexOf('\n');
        return line < 0 ? java.util.Optional.empty() : java.util.Optional.of(value.substring(line + 1));
    }

    /** The article IDs of an answer, as the buttons carry them: {@code aurora/3.5,scoh/11tal-8}. */
    static String ids(List<Answer.Item> items) {
        String ids = String.join(",", items.stream().map(Answer.Item::id).toList());
        return ids.length() > VALUE_LIMIT ? ids.substring(0, ids.lastIndexOf(',', VALUE_LIMIT)) : ids;
    }

    /** One article, for lookups by number. */
    static Message article(Answer.Item item) {
        return article(item, ArticleLinks.NONE);
    }

    static Message article(Answer.Item item, ArticleLinks links) {
        List<LayoutBlock> blocks = new ArrayList<>();
        article(blocks, item, ARTICLE_TEXT, "Ingekort: dit artikel is langer dan een Slack-bericht. De volledige "
                + "tekst staat in het protocol.", links);
        blocks.add(context(c -> c.elements(List.of(markdownText("*" + Answer.REMINDER + "*")))));
        return new Message(blocks, cut(item.title() + " (" + item.id() + "): " + item.text(), FALLBACK_TEXT).text());
    }

    static Message plain(String message) {
        return new Message(List.of(section(s -> s.text(markdownText(message)))), message);
    }

    /**
     * One article: heading, best sentence, text (cut at a sentence to {@code textLimit}, then {@code pointer} says
     * so), source, and a link to the article's web page when there is a public address.
     */
    private static void article(List<LayoutBlock> blocks, Answer.Item item, int textLimit, String pointer,
                                ArticleLinks links) {
        String heading = limit("*" + escape(item.title()) + "*  ·  `" + item.id() + "`  ·  "
                + escape(item.organisation()));
        blocks.add(section(s -> s.text(markdownText(heading))));
        if (item.showHighlight()) {
            String bold = "*" + escape(cut(item.highlight(), SECTION_LIMIT - 20).text()).replace("*", "") + "*";
            blocks.add(section(s -> s.text(markdownText(limit(bold)))));
        }
        Cut text = cut(item.text(), textLimit);
        for (String chunk : split(text.text(), SECTION_LIMIT)) {
            blocks.add(section(s -> s.text(plainText(chunk, false))));
        }
        String source = escape(item.citation()) + (item.section().isEmpty() ? "" : "  ›  " + escape(item.section()));
        if (!item.alsoIn().isEmpty()) {
            source += "\nZo ook in: " + String.join(", ", item.alsoIn().stream()
                    .map(r -> "`" + r.id() + "` (" + escape(r.organisation()) + ")").toList());
        }
        // the address is an http(s) URL built from a validated ID: no <, > or | that would break Slack's link syntax
        source += links.of(item.id()).map(url -> "\n<" + url + "|Lees " + item.id() + " op de webpagina>").orElse("");
        String src = text.shortened() ? "*" + pointer + "*\n" + limit(source) : limit(source);
        blocks.add(context(c -> c.elements(List.of(markdownText(limit(src))))));
    }

    private static String exampleId(Corpus corpus, List<Article> coreRules) {
        return coreRules.stream().findFirst().or(() -> corpus.articles().stream().findFirst()).map(Article::id)
                .orElse("");
    }

    /** App Home for new employees: purpose, how to ask, examples, and the core rules chosen by the editors. */
    static List<LayoutBlock> home(Corpus corpus, List<Article> coreRules) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Het social-media-protocol, altijd bij de hand"))));
        blocks.add(section(s -> s.text(markdownText("Ik beantwoord vragen over het social-media-protocol van je "
                + "schoolbestuur, met de letterlijke tekst van de artikelen en hun bron. Ik bewaar je vragen niet."))));
        blocks.add(section(s -> s.text(markdownText("*Zo vraag je het*\n"
                + "• Stuur me een direct bericht met je vraag\n"
                + "• Noem me in een kanaal: `@protocolbot mag ik een klassenfoto op Instagram zetten?` "
                + "(ik antwoord in de thread)\n"
                + "• Typ `/protocol <vraag>`: alleen jij ziet het antwoord, en je kunt het delen\n"
                + "• Zoek een artikel op: `/protocol toon " + exampleId(corpus, coreRules) + "`"))));
        blocks.add(section(s -> s.text(markdownText("*Voorbeeldvragen*\n"
                + "• Mag ik een klassenfoto op Instagram zetten?\n"
                + "• Een leerling stuurt me een vriendschapsverzoek, mag ik dat accepteren?\n"
                + "• Een ouder scheldt mij uit op Facebook, wat nu?\n"
                + "• Een journalist vraagt me om commentaar, wat doe ik?"))));
        if (!coreRules.isEmpty()) {
            blocks.add(divider());
            blocks.add(header(h -> h.text(plainText("De kernregels"))));
            for (Article a : coreRules) {
                Protocol p = corpus.protocolOf(a);
                Cut rule = cut(a.text(), ANSWER_TEXT);
                String line = "*" + escape(a.title()) + "*  ·  `" + a.id() + "`\n" + escape(rule.text())
                        + (rule.shortened() ? "\n_Het hele artikel: `/protocol toon " + a.id() + "`_" : "");
                blocks.add(section(s -> s.text(markdownText(limit(line)))));
                blocks.add(context(c -> c.elements(List.of(markdownText(limit(escape(p.organisation() + " — "
                        + p.citation())))))));
            }
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("*" + Answer.REMINDER + "*")))));
        return blocks.size() > MAX_HOME_BLOCKS ? blocks.subList(0, MAX_HOME_BLOCKS) : blocks;
    }

    /** A text cut to a limit, and whether anything was left out. */
    record Cut(String text, boolean shortened) {
    }

    /**
     * The text whole when it fits within {@code limit} characters; otherwise its first sentences that fit (Dutch
     * sentence boundaries, from the JDK's {@link BreakIterator}), or words when the first sentence alone is too
     * long, followed by " …".
     */
    static Cut cut(String text, int limit) {
        String t = text.strip();
        if (t.length() <= limit) {
            return new Cut(t, false);
        }
        int room = limit - 2;
        BreakIterator sentences = BreakIterator.getSentenceInstance(DUTCH);
        sentences.setText(t);
        int end = sentences.preceding(room + 1);
        if (end < room / 2) {
            end = t.lastIndexOf(' ', room);
        }
        if (end < room / 2) {
            end = room;
        }
        return new Cut(t.substring(0, end).strip() + " …", true);
    }

    /** Splits text into pieces of at most {@code limit} characters, at a paragraph, sentence or word boundary. */
    static List<String> split(String text, int limit) {
        List<String> out = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > limit) {
            int cut = lastBreak(rest, limit, "\n");
            if (cut < limit / 2) {
                cut = Math.max(lastBreak(rest, limit, ". "), lastBreak(rest, limit, "; "));
            }
            if (cut < limit / 2) {
                cut = lastBreak(rest, limit, " ");
            }
            if (cut <= 0) {
                cut = limit;
            }
            out.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            out.add(rest);
        }
        return out;
    }

    private static int lastBreak(String s, int limit, String sep) {
        int i = s.lastIndexOf(sep, limit - sep.length());
        return i < 0 ? -1 : i + sep.length();
    }

    private static String limit(String s) {
        return s.length() <= SECTION_LIMIT ? s : s.substring(0, SECTION_LIMIT - 1) + "…";
    }

    /** Slack's mrkdwn escaping: &amp;, &lt; and &gt;. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
