package nl.protocolbot.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Optional;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.search.SearchEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnswerJsonTest {
    private static Answerer answerer;

    @BeforeAll
    static void build() throws Exception {
        answerer = new Answerer(SearchEngine.build(CorpusLoader.bundled()));
    }

    @Test
    void answerHasTheDocumentedShape() {
        Answer answer = answerer.ask("mag ik een klassenfoto op Instagram zetten?", 3, Optional.empty());
        JsonObject o = JsonParser.parseString(AnswerJson.line(answer)).getAsJsonObject();
        assertEquals("mag ik een klassenfoto op Instagram zetten?", o.get("question").getAsString());
        assertEquals("Bij twijfel: niet publiceren.", o.get("reminder").getAsString());
        JsonArray answers = o.getAsJsonArray("answers");
        assertEquals(3, answers.size());
        for (var e : answers) {
            JsonObject a = e.getAsJsonObject();
            for (String key : new String[] {"id", "organisation", "protocol", "section", "title", "text", "highlight"}) {
                assertTrue(a.has(key) && !a.get(key).getAsString().isEmpty() || key.equals("section"), key);
            }
            assertTrue(a.get("score").getAsDouble() > 0);
            String id = a.get("id").getAsString();
            assertEquals(answerer.corpus().article(id).orElseThrow().text(), a.get("text").getAsString());
        }
    }

    @Test
    void nothingFoundHasEmptyAnswersAndAMessage() {
        Answer answer = answerer.ask("Hoe laat begint de kerstviering?", 3, Optional.empty());
        assertEquals(Answer.Status.NOTHING_FOUND, answer.status());
        JsonObject o = AnswerJson.toJson(answer);
        assertEquals(0, o.getAsJsonArray("answers").size());
        assertTrue(o.get("message").getAsString().contains("leidinggevende"));
    }

    @Test
    void textRenderingEndsWithTheReminderAndCitesSources() {
        String text = AnswerText.render(answerer.ask("mag ik vloeken in een tweet", 3, Optional.empty()));
        assertTrue(text.strip().endsWith("Bij twijfel: niet publiceren."), text);
        assertTrue(text.contains("[konot/donts-2]"), text);
        assertTrue(text.contains("Konot — Social Media Protocol Konot"), text);
        String none = AnswerText.render(answerer.ask("Wanneer is de volgende studiedag?", 3, Optional.empty()));
        assertTrue(none.startsWith("Daar staat niets over in het protocol."), none);
        assertFalse(none.contains("["), none);
    }
}
