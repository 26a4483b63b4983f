package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaughtTest {
    @Test
    void oneInsertedDeletedOrReplacedCharacterIsOneEdit() {
        assertTrue(Taught.withinOneEdit("kerstmusical", "kerstmusical"));
        assertTrue(Taught.withinOneEdit("kerstmusical", "kerstmuzical"));
        assertTrue(Taught.withinOneEdit("kerstmusical", "kerstmusicaal"));
        assertTrue(Taught.withinOneEdit("kerstmusical", "erstmusical"));
        assertTrue(Taught.withinOneEdit("ouderraad", "ouderaad"));
        assertFalse(Taught.withinOneEdit("kerstmusical", "kerstmuzicaal"));
        assertFalse(Taught.withinOneEdit("abc", "cba"));
        assertFalse(Taught.withinOneEdit("ab", "abcd"));
    }

    @Test
    void questionsCompareWithoutCapitalsAccentsOrPunctuation() {
        assertEquals("mag ik een prive foto delen", Taught.key("  Mag ik een PRIVÉ-foto delen?! "));
    }
}
