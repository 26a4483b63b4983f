package nl.protocolbot.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArticleLinksTest {
    @Test
    void linksGoUnderThePublicAddressWithOrWithoutItsTrailingSlash() {
        assertEquals("/artikel/aurora/3.5", ArticleLinks.path("aurora/3.5"));
        assertEquals("/protocol/konot", ArticleLinks.protocolPath("konot"));
        assertEquals(Optional.of("https://protocol.school.nl/artikel/aurora/3.5"),
                new ArticleLinks(Optional.of(URI.create("https://protocol.school.nl/"))).of("aurora/3.5"));
        assertEquals(Optional.of("https://school.nl/bot/artikel/konot/dos-1"),
                new ArticleLinks(Optional.of(URI.create("https://school.nl/bot"))).of("konot/dos-1"));
        assertEquals(Optional.empty(), ArticleLinks.NONE.of("aurora/3.5"));
    }
}
