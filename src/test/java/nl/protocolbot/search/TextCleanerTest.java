package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextCleanerTest {
    @Test
    void removesSlackMarkup() {
        assertEquals("mag ik dit posten ?", TextCleaner.clean("<@U012AB3CD> mag ik *dit* posten :thinking_face: ?"));
        assertEquals("zie de site voor regels", TextCleaner.clean("zie <https://school.nl/x|de site> voor regels"));
        assertEquals("kanaal vraag", TextCleaner.clean("<#C123|algemeen> kanaal <!here> vraag"));
    }

    @Test
    void removesTeamsMarkupAndEntities() {
        assertEquals("mag ik een foto's & film delen",
                TextCleaner.clean("<at>Protocolbot</at>&nbsp;mag ik een <b>foto&#39;s</b> &amp; film delen"));
    }

    @Test
    void boundsLength() {
        assertTrue(TextCleaner.clean("foto ".repeat(10_000)).length() <= TextCleaner.MAX_CHARS);
        assertEquals("", TextCleaner.clean(null));
    }
}
