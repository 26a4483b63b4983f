package nl.protocolbot.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusLoader;
import org.junit.jupiter.api.Test;

/** Teams messages stay within Teams' limit of about 28 KB, cut at a sentence, with a pointer to the whole article. */
class CardsTest {
    /** Teams refuses a message of about 28 KB; the bot's own limit must be below it. */
    static final int TEAMS_LIMIT = 28_000;

    static String sentences(int chars) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; sb.length() < chars; i++) {
            sb.append("Dit is zin ").append(i).append(" van een heel lang artikel over social media. ");
        }
        return sb.toString().strip();
    }

    static Answer.Item item(String id, String text) {
        return new Answer.Item(id, "Konot", "Social Media Protocol Konot", "Social Media Protocol Konot", "Richtlijnen",
                "Een lang artikel", text, "Dit is zin 3 van een heel lang artikel over social media.", 1.0, List.of());
    }

    static int bytes(JsonObject o) {
        return o.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void withAPublicAddressEachArticleLinksToItsWebPage() {
        Answer answer = new Answer("q", Answer.Status.ANSWERED, List.of(item("konot/1", "Kort."),
                item("konot/2", "Ook kort.")));
        nl.protocolbot.answer.ArticleLinks links = new nl.protocolbot.answer.ArticleLinks(
                java.util.Optional.of(java.net.URI.create("https://protocol.school.nl")));
        String card = Cards.answer(answer, EnumSet.of(Cards.Option.VOTES), links).toString();
        assertTrue(card.contains("[Lees konot/1 op de webpagina](https://protocol.school.nl/artikel/konot/1)"), card);
        assertTrue(card.contains("(https://protocol.school.nl/artikel/konot/2)"), card);
        assertFalse(Cards.answer(answer, EnumSet.of(Cards.Option.VOTES)).toString().contains("/artikel/"));
        assertTrue(Cards.article(item("konot/1", "Kort."), links).toString()
                .contains("(https://protocol.school.nl/artikel/konot/1)"));
    }

    @Test
    void aShortAnswerIsNotCut() {
        Answer answer = new Answer("q", Answer.Status.ANSWERED, List.of(item("konot/1", "Kort. Heel kort.")));
        String card = Cards.answer(answer, EnumSet.of(Cards.Option.VOTES)).toString();
        assertTrue(card.contains("Kort. Heel kort."));
        assertFalse(card.contains("Ingekort"));
    }

    @Test
    void threeHugeArticlesAreCutAtASentenceAndPointToTheWholeArticle() {
        Answer answer = new Answer("q", Answer.Status.ANSWERED, List.of(item("konot/a", sentences(120_000)),
                item("konot/b", sentences(120_000)), item("konot/c", sentences(120_000))));
        JsonObject message = Cards.answer(answer, EnumSet.of(Cards.Option.VOTES));
        assertTrue(bytes(message) <= TEAMS_LIMIT, "bytes: " + bytes(message));
        String card = message.toString();
        for (String id : List.of("konot/a", "konot/b", "konot/c")) {
            assertTrue(card.contains("Ingekort. Het hele artikel: typ \\\"toon " + id + "\\\"."), card);
        }
        assertTrue(card.matches("(?s).*over social media\\. ….*"), "cut after a whole sentence");
        assertTrue(card.contains("Bij twijfel: niet publiceren."));
        assertTrue(card.contains("\"vote\":\"up\""), "the votes survive the cut");
    }

    @Test
    void aHugeArticleShownByIdIsCutAndPointsToTheProtocol() {
        JsonObject message = Cards.article(item("konot/a", sentences(400_000)));
        assertTrue(bytes(message) <= TEAMS_LIMIT, "bytes: " + bytes(message));
        assertTrue(message.toString().contains("de hele tekst staat in het protocol"));
    }

    @Test
    void shortenCutsAtTheLastSentenceWithinTheLimit() {
        assertEquals("Een. Twee. …", Cards.shorten("Een. Twee. Drie vier vijf zes.", 15));
        assertEquals("Eenheel langwoord …", Cards.shorten("Eenheel langwoord zonder punt erin", 22));
        assertEquals("Kort.", Cards.shorten("Kort.", 5));
    }

    @Test
    void theSummaryBesideTheCardNamesTheArticlesNotTheirText() {
        Answer answer = new Answer("q", Answer.Status.ANSWERED, List.of(item("konot/a", sentences(500))));
        assertEquals("Dit zegt het protocol: Een lang artikel (konot/a). Bij twijfel: niet publiceren.",
                Cards.summary(answer));
        assertEquals("Daar staat niets over in het protocol.",
                Cards.summary(new Answer("q", Answer.Status.NOTHING_FOUND, List.of())));
    }

    @Test
    void theWelcomeWithTheRealCoreRulesFits() throws Exception {
        Corpus corpus = CorpusLoader.bundled();
        JsonObject welcome = Cards.welcome(corpus, corpus.coreRules(),
                Welcome.examples().stream().map(Welcome.Example::question).toList());
        assertTrue(bytes(welcome) <= TEAMS_LIMIT);
        assertEquals(9, corpus.coreRules().size());
        for (var rule : corpus.coreRules()) {
            assertTrue(welcome.toString().contains(rule.id()), rule.id());
        }
    }
}
