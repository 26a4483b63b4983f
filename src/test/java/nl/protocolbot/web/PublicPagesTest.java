package nl.protocolbot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.search.SearchEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public pages' models and templates on the bundled corpus, without HTTP. */
class PublicPagesTest {
    static Answerer answerer;
    final PublicPages pages = new PublicPages(new VoteTokens(new byte[32], new SecureRandom(), Clock.systemUTC()), Optional.empty(),
            nl.protocolbot.metrics.Metrics.NONE);
    final Templates templates = new Templates();

    @BeforeAll
    static void index() throws Exception {
        answerer = new Answerer(SearchEngine.build(CorpusLoader.bundled()));
    }

    String html(Page page) {
        Map<String, Object> m = new HashMap<>(page.model());
        m.put("beheer", false);
        return templates.render(page.template(), m);
    }

    @Test
    void markedTextIsTheWholeTextWithTheBestSentenceMarkedOnce() {
        Views.Marked m = Views.Marked.of("Eén. Twee zinnen. Drie.", "Twee zinnen.");
        assertEquals(new Views.Marked("Eén. ", "Twee zinnen.", " Drie."), m);
        assertEquals(new Views.Marked("Alles.", "", ""), Views.Marked.of("Alles.", "Alles."));
        assertEquals(new Views.Marked("Tekst.", "", ""), Views.Marked.of("Tekst.", "Elders."));
        assertEquals(new Views.Marked("Tekst.", "", ""), Views.Marked.of("Tekst.", ""));
    }

    @Test
    void answerQuotesTheArticlesVerbatimWithTheBestSentenceMarkedAndTheSource() {
        // answered with a multi-sentence article (Aurora's "bedenk dat"), so that one sentence is marked
        String question = "Mag ik foto's van leerlingen op de website van school zetten?";
        var answer = answerer.ask(question);
        var marked = answer.items().stream().filter(i -> i.showHighlight()).findFirst().orElseThrow();
        Page page = pages.home(answerer, question, false);
        assertEquals(200, page.status());
        String html = html(page);
        assertTrue(html.contains("<html lang=\"nl\">"), html);
        for (var item : answer.items()) {
            assertTrue(html.contains("href=\"/artikel/" + item.id() + "\""), item.id());
            assertTrue(html.contains("Bron: " + escape(item.organisation() + " — " + item.citation())), item.id());
        }
        assertTrue(html.contains("<mark>" + escape(marked.highlight().strip()) + "</mark>"), "the best sentence is marked");
        assertTrue(html.contains("Bij twijfel: niet publiceren."));
        assertTrue(html.contains("name=\"stem\" value=\"op\"") && html.contains("name=\"stem\" value=\"neer\""));
        assertTrue(html.contains("action=\"/stem\" method=\"post\""));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    @Test
    void articleTextIsPrintedVerbatimApartFromHtmlEscaping() {
        Views.Item item = PublicPages.item(answerer.show("aurora/3.5").orElseThrow(), "");
        String html = html(pages.article(answerer, "aurora/3.5", "http://localhost:3000").orElseThrow());
        String text = answerer.corpus().article("aurora/3.5").orElseThrow().text();
        assertTrue(html.contains(escape(text)), "verbatim: " + text);
        assertEquals(text, item.text().before());
    }

    @Test
    void offTopicQuestionSaysNothingWasFoundAndOffersNoVote() {
        String html = html(pages.home(answerer, "Waar kan ik mijn auto parkeren?", false));
        assertTrue(html.contains("Niets gevonden"), html);
        assertTrue(html.contains("Daar staat niets over in het protocol."), html);
        assertFalse(html.contains("action=\"/stem\""));
        assertTrue(html.contains("Bij twijfel: niet publiceren."));
    }

    @Test
    void hostileQuestionIsEscapedEverywhere() {
        String hostile = "\"><script>alert(1)</script><img src=x onerror=alert(2)> foto instagram";
        String html = html(pages.home(answerer, hostile, false));
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }

    @Test
    void tooLongQuestionIsRefusedWithADutchMessage() {
        Page page = pages.home(answerer, "foto ".repeat(300), false);
        assertEquals(400, page.status());
        assertTrue(html(page).contains("Je vraag is te lang"));
    }

    @Test
    void homeListsEveryProtocolOrOnlyTheConfiguredOne() {
        String all = html(pages.home(answerer, "", false));
        for (String slug : new String[] {"aurora", "konot", "oog", "scoh", "verkruisen"}) {
            assertTrue(all.contains("href=\"/protocol/" + slug + "\""), slug);
        }
        PublicPages aurora = new PublicPages(new VoteTokens(new byte[32], new SecureRandom(), Clock.systemUTC()),
                Optional.of("aurora"), nl.protocolbot.metrics.Metrics.NONE);
        String one = html(aurora.home(answerer, "", false));
        assertTrue(one.contains("href=\"/protocol/aurora\"") && !one.contains("href=\"/protocol/konot\""));
    }

    @Test
    void articlePageShowsSectionPathNeighboursSameRuleAndPermalink() {
        String html = html(pages.article(answerer, "aurora/3.5", "https://protocol.example.nl").orElseThrow());
        assertTrue(html.contains("<li>3. Richtlijnen voor alle betrokkenen (medewerkers, leerlingen en ouders/verzorgers)</li>"), html);
        assertTrue(html.contains("rel=\"prev\" href=\"/artikel/aurora/3.4\""), html);
        assertTrue(html.contains("rel=\"next\" href=\"/artikel/aurora/3.6\""), html);
        assertTrue(html.contains("value=\"https://protocol.example.nl/artikel/aurora/3.5\""), html);
        assertTrue(html.contains("href=\"/protocol/aurora\""));
        assertTrue(pages.article(answerer, "aurora/9.99", "").isEmpty());
    }

    @Test
    void articlePageListsTheSameRuleInOtherProtocols() {
        var item = answerer.show("aurora/3.5").orElseThrow();
        String html = html(pages.article(answerer, "aurora/3.5", "").orElseThrow());
        for (var ref : item.alsoIn()) {
            assertTrue(html.contains("href=\"/artikel/" + ref.id() + "\""), ref.id());
        }
        assertEquals(!item.alsoIn().isEmpty(), html.contains("Dezelfde regel in andere protocollen"));
    }

    @Test
    void protocolPageHasVersionAdoptionTableOfContentsAndEveryArticle() {
        String html = html(pages.protocol(answerer, "aurora").orElseThrow());
        assertTrue(html.contains("versie 1.0") && html.contains("vastgesteld 2021-11-22"), html);
        assertTrue(html.contains("<h2 id=\"inhoud-kop\">Inhoud</h2>"));
        var protocol = answerer.corpus().protocol("aurora").orElseThrow();
        for (var a : protocol.articles()) {
            assertTrue(html.contains("href=\"/artikel/" + a.id() + "\""), a.id());
            assertTrue(html.contains("href=\"#artikel-" + a.ref() + "\""), a.id());
        }
        assertTrue(pages.protocol(answerer, "onbekend").isEmpty());
    }
}
