package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextCleanerTest {
    @Test
    void removesWhatNoFrontEndMeansAsWords() {
        assertEquals("mag ik dit posten ?", TextCleaner.clean("mag ik *dit* posten :thinking_face: ?"));
        assertEquals("zie voor regels", TextCleaner.clean("zie https://school.nl/x voor regels"));
        assertEquals("foto film", TextCleaner.clean("foto\u200b\u0000film"));
    }

    @Test
    void chatMarkupIsTheAdaptersJob() {
        // the search takes text as it is; Slack's and Teams' markup never reach it (see SlackText, Activity)
        assertEquals("<at>Bot</at> foto & film", TextCleaner.clean("<at>Bot</at> foto & film"));
    }

    @Test
    void boundsLength() {
        assertTrue(TextCleaner.clean("foto ".repeat(10_000)).length() <= TextCleaner.MAX_CHARS);
        assertEquals("", TextCleaner.clean(null));
    }
}
