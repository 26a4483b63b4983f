package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import nl.protocolbot.corpus.CorpusLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchEngineTest {
    private static SearchEngine engine;

    @BeforeAll
    static void build() throws Exception {
        engine = SearchEngine.build(CorpusLoader.bundled());
    }

    private static List<String> ids(String question) {
        return engine.search(question, 3, Optional.empty()).stream().map(h -> h.article().id()).toList();
    }

    @Test
    void klassenfotoFindsThePhotoConsentRules() {
        List<Hit> hits = engine.search("mag ik een klassenfoto op Instagram zetten?", 3, Optional.empty());
        assertFalse(hits.isEmpty());
        // all three about sharing pictures of others ("foto" or "afbeeldingen"); at least two of them the consent
        // rules, one of those in the first two
        assertTrue(hits.stream().limit(2).anyMatch(h -> h.article().text().contains("toestemming"))
                        && hits.stream().filter(h -> h.article().text().contains("toestemming")).count() >= 2
                        && hits.stream().allMatch(h -> h.article().text().matches("(?s).*(foto|afbeelding).*")),
                () -> "mostly about consent: " + ids("mag ik een klassenfoto op Instagram zetten?"));
    }

    @Test
    void friendRequestFindsTheRuleAgainstBefriendingPupils() {
        assertTrue(ids("Een leerling stuurt me een vriendschapsverzoek, mag ik dat accepteren?")
                .contains("scoh/communiceren-11"));
    }

    @Test
    void typosAndEnglishStillFindTheRule() {
        assertTrue(ids("mag ik een foto van de klas op instagarm zetten").stream()
                .anyMatch(id -> List.of("scoh/communiceren-10", "scoh/11tal-8", "aurora/3.5", "verkruisen/10",
                        "scoh/profileren-4").contains(id)));
        assertTrue(ids("Can I accept a friend request from a pupil?").contains("scoh/communiceren-11"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hoe laat begint de kerstviering?", "Wat is het wifi-wachtwoord van school?",
        "Waar kan ik mijn auto parkeren?", "Hoeveel vakantiedagen heb ik nog?"})
    void offTopicQuestionsGetNoArticle(String question) {
        assertEquals(List.of(), ids(question));
    }

    @Test
    void protocolFilterKeepsToOneProtocol() {
        List<Hit> hits = engine.search("mag ik een foto van een leerling plaatsen", 5, Optional.of("konot"));
        assertFalse(hits.isEmpty());
        assertTrue(hits.stream().allMatch(h -> h.article().protocol().equals("konot")));
    }

    @Test
    void limitIsRespectedAndHighlightIsASentenceOfTheArticle() {
        List<Hit> hits = engine.search("mag ik vertrouwelijke informatie tweeten", 2, Optional.empty());
        assertEquals(2, hits.size());
        for (Hit h : hits) {
            assertFalse(h.highlight().isEmpty());
            assertTrue(h.article().text().contains(h.highlight()), h.highlight());
            assertTrue(h.coverage() > 0 && h.coverage() <= 1);
        }
    }

    @Test
    void sameRuleInSeveralProtocolsIsGroupedUnderOne() {
        List<Hit> hits = engine.search("Mogen schoolleiders hun privémening op Twitter geven?", 3, Optional.empty());
        assertFalse(hits.isEmpty());
        Hit first = hits.get(0);
        assertFalse(first.alsoIn().isEmpty(), "the 'altijd vertegenwoordiger' rule stands in four protocols");
        long distinctRules = hits.stream().map(h -> h.article().id()).distinct().count();
        assertEquals(hits.size(), distinctRules);
        assertTrue(first.alsoIn().stream().noneMatch(a -> a.protocol().equals(first.article().protocol())));
    }

    @Test
    void sameRuleListsTheGroupedArticlesOfOtherProtocols() {
        Hit first = engine.search("Mogen schoolleiders hun privémening op Twitter geven?", 3, Optional.empty()).get(0);
        List<String> grouped = first.alsoIn().stream().map(a -> a.id()).toList();
        List<String> same = engine.sameRule(first.article().id()).stream().map(a -> a.id()).toList();
        assertTrue(same.containsAll(grouped), same + " should hold " + grouped);
        assertTrue(engine.sameRule(first.article().id()).stream()
                .noneMatch(a -> a.protocol().equals(first.article().protocol())));
        assertEquals(same.size(), engine.sameRule(first.article().id()).stream().map(a -> a.protocol()).distinct()
                .count(), "one article per other protocol");
        assertEquals(List.of(), engine.sameRule("aurora/does-not-exist"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "???", "\"", "*", "AND", "OR NOT", "(", ")", "~", ":", "title:foto",
        "foto~2", "\"mag ik\" AND (foto OR film)", "<@U123ABC> mag ik een foto posten?", "<at>Protocolbot</at>&nbsp;foto",
        "*vet* _schuin_ ~doorgehaald~ `code`", ":smile: :+1:", "<https://example.org|link> foto", "&#0; &#xFFFFFF; &amp",
        "\u0000\u0001\u200b", "🙂🙂🙂", "ǅ ß ﬁ İ", "\\", "/", "a/b/c", "1.1.1.1", "-", "+foto -film"})
    void oddInputNeverThrows(String input) {
        assertDoesNotThrow(() -> engine.search(input, 3, Optional.empty()));
        assertDoesNotThrow(() -> engine.understands(input));
    }

    @Test
    void formattingIsStrippedBeforeSearching() {
        // chat markup (Slack's <@U…>, Teams' <at>…</at>) is removed by the adapters: SlackTextTest, TeamsTest
        List<String> photo = ids("mag ik een foto posten");
        assertTrue(engine.search("mag ik een foto posten", 1, Optional.empty()).get(0).article().text()
                .contains("toestemming"), () -> photo + " should start with a consent rule");
        assertEquals(photo, ids("mag ik een *foto* posten? :camera: https://school.nl/foto"));
    }

    @Test
    void hugeInputIsBoundedAndStillAnswers() {
        String huge = "mag ik een foto van een leerling op instagram zetten ".repeat(20_000);
        List<Hit> hits = assertDoesNotThrow(() -> engine.search(huge, 3, Optional.empty()));
        assertFalse(hits.isEmpty());
        Random random = new Random(42);
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            noise.appendCodePoint(random.nextInt(0x2FFFF));
        }
        assertDoesNotThrow(() -> engine.search(noise.toString(), 3, Optional.empty()));
    }

    @Test
    void questionsOfOnlyStopWordsAreNotUnderstood() {
        assertFalse(engine.understands("mag dat?"));
        assertFalse(engine.understands(":wave: *?* https://school.nl"));
        assertTrue(engine.understands("foto"));
    }
}
