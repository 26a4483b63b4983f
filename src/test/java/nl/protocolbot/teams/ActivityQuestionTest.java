package nl.protocolbot.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The question in a Teams message: Teams' mention markup and the HTML it formats messages in are taken out. */
class ActivityQuestionTest {
    private static String question(String text) {
        String json = "{\"type\":\"message\",\"text\":" + new com.google.gson.JsonPrimitive(text) + "}";
        return Activity.parse(json).orElseThrow().question().replaceAll("\\s+", " ");
    }

    @Test
    void mentionsAndHtmlAreNotPartOfTheQuestion() {
        assertEquals("mag ik een klassenfoto op Instagram zetten?",
                question("<p><at>Protocolbot</at>&nbsp;mag ik een <b>klassenfoto</b> op Instagram zetten&#63;</p>"));
        assertEquals("foto's & film", question("<at>Protocolbot</at> foto&#39;s &amp; film"));
    }

    @Test
    void plainTextIsLeftAlone() {
        assertEquals("mag ik een foto posten?", question("mag ik een foto posten?"));
    }
}
