package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LanguageTool's Dutch dictionary: forms to lemmas, and what it knows. */
class LexiconTest {
    private final Lexicon.Lookup lexicon = Lexicon.dutch().lookup();

    @ParameterizedTest
    @CsvSource({
        "gecontroleerd, controleren",
        "bedreigt, bedreigen",
        "plaatje, plaat",
        "schoolreisje, schoolreis",
        "gepost, posten",
        "foto's, foto",
        "leerlingen, leerling",
        "kinderen, kind",
        "deelt, delen",
        "geplaatst, plaatsen",
        "vertrouwelijke, vertrouwelijk",
        "collega's, collega",
    })
    void knowsTheLemmaOfInflectedForms(String form, String lemma) {
        assertTrue(lexicon.lemmas(form).contains(lemma), () -> form + " → " + lexicon.lemmas(form));
    }

    @Test
    void anAmbiguousFormHasEveryReading() {
        assertEquals(List.of("klasse", "klas"), lexicon.lemmas("klassen"));
    }

    @Test
    void knowsWordsButNotTyposOrPlatformNames() {
        assertTrue(lexicon.knows("toestemming"));
        assertTrue(lexicon.knows("klassenfoto"));
        assertFalse(lexicon.knows("instagarm"));
        assertFalse(lexicon.knows("linkedin"));
        assertEquals(List.of(), lexicon.lemmas("instagarm"));
    }

    @Test
    void tellsContentWordsFromFunctionWords() {
        assertTrue(lexicon.isContentWord("foto"));
        assertTrue(lexicon.isContentWord("delen"));
        assertTrue(lexicon.isContentWord("privé"));
        assertFalse(lexicon.isContentWord("toe"));
        assertFalse(lexicon.isContentWord("aan"));
        assertTrue(lexicon.isNoun("klassenfoto"));
        assertFalse(lexicon.isNoun("meenemen"));
    }
}
