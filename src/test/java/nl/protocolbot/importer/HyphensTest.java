package nl.protocolbot.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a PDF's line that ends in a hyphen joins the next one. */
class HyphensTest {
    private final Hyphens hyphens = new Hyphens();

    @Test
    void joinsAsTheDocumentAndTheLexiconSay() {
        Set<String> none = Set.of();
        assertEquals("goed en veilig school- en onderwijsklimaat",
                hyphens.join("goed en veilig school-", "en onderwijsklimaat", none), "elliptic hyphen");
        assertEquals("een privé-mening verkondigen", hyphens.join("een privé-", "mening verkondigen", none),
                "a hyphen between two words is the text's own");
        assertEquals("het gedrag op school", hyphens.join("het ge-", "drag op school", none),
                "a hyphen inside a word is hyphenation");
        assertEquals("via e-mail", hyphens.join("via e-", "mail", none));
        assertEquals("MS-365 en Parro", hyphens.join("MS-", "365 en Parro", none));
        assertEquals("het onderwijsklimaat", hyphens.join("het onder\u00AD", "wijsklimaat", none), "soft hyphen");
        assertEquals("de privémening", hyphens.join("de privé-", "mening", Hyphens.words(List.of("een privémening"))),
                "the document's own spelling elsewhere decides first");
    }
}
