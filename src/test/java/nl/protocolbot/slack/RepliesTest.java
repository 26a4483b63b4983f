package nl.protocolbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.TextObject;
import java.util.List;
import java.util.Optional;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.search.SearchEngine;
import org.junit.jupiter.api.Test;

class RepliesTest {
    /** Slack's limit on a section block's text (Block Kit reference), written here rather than read from the code. */
    private static final int SLACK_SECTION_LIMIT = 3000;
    @Test
    void longTextIsSplitCleanlyUnderTheSectionLimit() {
        String sentence = "Dit is een zin van het protocol die vrij lang is, met komma's en woorden. ";
        String text = sentence.repeat(100);
        List<String> parts = Replies.split(text, SLACK_SECTION_LIMIT);
        assertTrue(parts.size() >= 3);
        for (String p : parts) {
            assertTrue(p.length() <= SLACK_SECTION_LIMIT);
            assertTrue(p.endsWith("."), "cut at a sentence end: " + p.substring(p.length() - 20));
        }
        assertEquals(text.strip().replaceAll("\\s+", " "), String.join(" ", parts));
    }

    @Test
    void aLongTextIsCutAfterASentenceWithinTheLimit() {
        String text = "Eerste zin over foto's. Tweede zin, iets langer dan de eerste. Derde zin valt erbuiten.";
        Replies.Cut cut = Replies.cut(text, 70);
        assertEquals(new Replies.Cut("Eerste zin over foto's. Tweede zin, iets langer dan de eerste. …", true), cut);
        assertEquals(new Replies.Cut(text, false), Replies.cut(text, text.length()));
        // one sentence longer than the limit: cut between words
        Replies.Cut words = Replies.cut("woord ".repeat(100), 50);
        assertTrue(words.text().length() <= 50 && words.text().endsWith("woord …"), words.text());
    }

    @Test
    void nothingFoundSaysSoAndHasNoVoteButtons() throws Exception {
        Answerer a = new Answerer(SearchEngine.build(CorpusLoader.bundled()));
        Replies.Message m = Replies.answer(a.ask("Hoe laat begint de kerstviering?", 3, Optional.empty()), Replies.Buttons.VOTES_AND_SHARE);
        assertTrue(m.text().startsWith("Daar staat niets over in het protocol"));
        assertTrue(m.text().endsWith("Bij twijfel: niet publiceren."));
        String blocks = m.blocks().toString();
        assertTrue(!blocks.contains(Replies.ACTION_VOTE_UP), blocks);
        assertTrue(!blocks.contains(Replies.ACTION_SHARE), "nothing to share: " + blocks);
        assertTrue(blocks.contains("leidinggevende"));
    }

    @Test
    void aRuleOnlyAnotherProtocolHasIsSaidHonestlyWithoutQuotingIt() {
        nl.protocolbot.answer.Answer answer = new nl.protocolbot.answer.Answer("mag ik een foto van leerlingen posten",
                nl.protocolbot.answer.Answer.Status.NOT_IN_PROTOCOL, List.of());
        Replies.Message m = Replies.answer(answer, Replies.Buttons.VOTES_AND_SHARE);
        assertTrue(m.text().startsWith("Jouw protocol zegt hier niets over."), m.text());
        assertTrue(m.text().endsWith("Bij twijfel: niet publiceren."), m.text());
        String blocks = m.blocks().toString();
        assertTrue(blocks.contains("Andere schoolbesturen hebben er wel een regel over"), blocks);
        assertTrue(!blocks.contains(Replies.ACTION_VOTE_UP), blocks);
    }

    @Test
    void everySectionStaysWithinSlacksLimitAndTextIsVerbatim() throws Exception {
        Answerer a = new Answerer(SearchEngine.build(CorpusLoader.bundled()));
        Answer answer = a.ask("mag ik een klassenfoto op Instagram zetten?", 3, Optional.empty());
        Replies.Message m = Replies.answer(answer, Replies.Buttons.VOTES_AND_SHARE);
        StringBuilder plain = new StringBuilder();
        m.blocks().stream().filter(b -> b instanceof SectionBlock).map(b -> ((SectionBlock) b).getText())
                .forEach(t -> {
                    String s = text(t);
                    assertTrue(s.length() <= SLACK_SECTION_LIMIT);
                    plain.append(s).append('\n');
                });
        for (Answer.Item item : answer.items()) {
            assertTrue(plain.toString().contains(item.text()), "verbatim text of " + item.id());
        }
    }

    @Test
    void withAPublicAddressEachArticleLinksToItsWebPage() throws Exception {
        Answerer a = new Answerer(SearchEngine.build(CorpusLoader.bundled()));
        Answer answer = a.ask("mag ik een klassenfoto op Instagram zetten?", 3, Optional.empty());
        nl.protocolbot.answer.ArticleLinks links = new nl.protocolbot.answer.ArticleLinks(
                Optional.of(java.net.URI.create("https://protocol.school.nl/")));
        String blocks = Replies.answer(answer, Replies.Buttons.VOTES, links).blocks().toString();
        for (Answer.Item item : answer.items()) {
            assertTrue(blocks.contains("<https://protocol.school.nl/artikel/" + item.id() + "|Lees " + item.id()
                    + " op de webpagina>"), blocks);
        }
        assertTrue(!Replies.answer(answer, Replies.Buttons.VOTES).blocks().toString().contains("/artikel/"));
        assertTrue(Replies.article(answer.items().get(0), links).blocks().toString()
                .contains("https://protocol.school.nl/artikel/" + answer.items().get(0).id()));
    }

    private static String text(TextObject t) {
        if (t instanceof com.slack.api.model.block.composition.PlainTextObject p) {
            return p.getText();
        }
        return ((com.slack.api.model.block.composition.MarkdownTextObject) t).getText();
    }

    @Test
    void theThumbsDownButtonCarriesTheQuestionAfterTheIdsAndTheOthersOnlyTheIds() throws Exception {
        String question = "mag ik een klassenfoto op Instagram zetten?";
        Answerer a = new Answerer(SearchEngine.build(CorpusLoader.bundled()));
        List<com.slack.api.model.block.element.ButtonElement> buttons = answerButtons(a.ask(question, 3,
                Optional.empty()));
        String ids = buttons.get(0).getValue();
        assertEquals(3, ids.split(",").length, ids);
        assertEquals(ids + "\n" + question, buttons.get(1).getValue());
        assertEquals(ids, buttons.get(2).getValue());
        assertEquals(ids, Replies.idsOf(buttons.get(1).getValue()));
        assertEquals(Optional.of(question), Replies.questionOf(buttons.get(1).getValue()));
        assertEquals(Optional.empty(), Replies.questionOf(ids));
        // a question longer than the store keeps is cut as the store would; ids and question within Slack's 2,000
        assertEquals(10 + 1 + 500, Replies.withQuestion("aurora/3.5", "x".repeat(3000)).length());
        assertEquals("a".repeat(1990), Replies.withQuestion("a".repeat(1990), "te lang om erbij te passen"));
    }

    private static List<com.slack.api.model.block.element.ButtonElement> answerButtons(Answer answer) {
        Replies.Message m = Replies.answer(answer, Replies.Buttons.VOTES_AND_SHARE);
        return m.blocks().stream().filter(b -> b instanceof com.slack.api.model.block.ActionsBlock)
                .flatMap(b -> ((com.slack.api.model.block.ActionsBlock) b).getElements().stream())
                .map(e -> (com.slack.api.model.block.element.ButtonElement) e).toList();
    }
}
