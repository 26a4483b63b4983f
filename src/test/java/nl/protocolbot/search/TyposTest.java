package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TyposTest {
    @Test
    void distanceCountsSwapsAsOneEdit() {
        assertEquals(0, Typos.distance("instagram", "instagram", 2));
        assertEquals(1, Typos.distance("instagarm", "instagram", 2));
        assertEquals(1, Typos.distance("fotto", "foto", 2));
        assertEquals(2, Typos.distance("schoolacount", "schoolaccount", 2) + 1);
        assertEquals(3, Typos.distance("abcdef", "uvwxyz", 2), "stops early past the maximum");
    }

    @Test
    void nearFindsCloseTermsWithTheSameFirstLetter() {
        Typos typos = new Typos(List.of("instagram", "instag", "internet", "foto", "fotos", "oto"));
        assertEquals(List.of("instagram"), typos.near("instagarm", 1, 10));
        assertEquals(List.of("foto", "fotos"), typos.near("fotoo", 1, 10));
        assertEquals(List.of(), typos.near("otoo", 0, 10));
        assertEquals(List.of(), typos.near("xyz", 2, 10));
    }
}
