package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code links} and {@code show}: the links between protocols, as the communication department reviews them. */
class LinksCommandTest {
    @Test
    void linksListsThePairsInTheFormatOfLinksTxt() {
        MainTest.Run r = MainTest.run("links");
        assertEquals(0, r.code(), r.err());
        // Konot's and Verkruisen's "bij twijfel ... zoeken medewerkers contact hun leidinggevende"
        assertTrue(r.out().lines().anyMatch(l -> l.matches("konot/9 = verkruisen/8 +# gelijkenis 0\\.\\d\\d")), r.out());
        assertFalse(r.out().contains("konot/9 = oog/situatie-1"), "links.txt says never");
        assertTrue(r.out().matches("(?s).*\\n# \\d+ koppelingen\\n"), r.out());
    }

    @Test
    void linksForOneProtocolShowsOnlyItsPairs() {
        MainTest.Run r = MainTest.run("links", "--org", "verkruisen");
        assertEquals(0, r.code(), r.err());
        List<String> pairs = r.out().lines().filter(l -> !l.startsWith("#")).toList();
        assertFalse(pairs.isEmpty());
        assertTrue(pairs.stream().allMatch(l -> l.contains("verkruisen/")), r.out());
    }

    @Test
    void showListsAnArticlesLinks() {
        MainTest.Run r = MainTest.run("show", "konot/9");
        assertEquals(0, r.code(), r.err());
        String linked = r.out().substring(r.out().indexOf("Gekoppeld"));
        assertTrue(linked.contains("verkruisen/8") && linked.contains("berekend, gelijkenis"), r.out());
        MainTest.Run json = MainTest.run("show", "--json", "konot/9");
        assertTrue(json.out().contains("\"linked\":[") && json.out().contains("\"verkruisen/8\""), json.out());
    }
}
