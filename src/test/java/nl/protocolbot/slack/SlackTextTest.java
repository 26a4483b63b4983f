package nl.protocolbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SlackTextTest {
    @Test
    void mentionsAndSpecialMentionsAreNotPartOfTheQuestion() {
        assertEquals("mag ik dit posten?", SlackText.clean("<@U012AB3CD> mag ik dit posten?"));
        assertEquals("mag ik dit posten?", SlackText.clean("<@U012AB3CD|juf.anna>   mag ik dit posten?").replaceAll(
                "\\s+", " "));
        assertEquals("vraag", SlackText.clean("<!here> vraag"));
        assertEquals("vraag", SlackText.clean("<!subteam^S0123|@leerkrachten> vraag"));
    }

    @Test
    void channelLinksKeepTheNameAndLinksTheirLabel() {
        assertEquals("mag dit in algemeen ?", SlackText.clean("mag dit in <#C0123|algemeen>?").replaceAll("\\s+", " "));
        assertEquals("zie de site voor regels", SlackText.clean("zie <https://school.nl/x|de site> voor regels")
                .replaceAll("\\s+", " "));
        assertEquals("zie voor regels", SlackText.clean("zie <https://school.nl/x> voor regels").replaceAll("\\s+", " "));
        assertEquals("mail naar", SlackText.clean("mail naar <mailto:a@school.nl>").replaceAll("\\s+", " "));
    }

    @Test
    void slacksEscapingIsUndone() {
        assertEquals("foto's & film <3 > 2", SlackText.clean("foto's &amp; film &lt;3 &gt; 2"));
        assertEquals("&lt;", SlackText.clean("&amp;lt;"));
    }

    @Test
    void plainTextIsLeftAlone() {
        assertEquals("mag ik een *foto* posten :camera:", SlackText.clean("mag ik een *foto* posten :camera:"));
        assertEquals("", SlackText.clean(null));
    }
}
