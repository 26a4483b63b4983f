package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import nl.protocolbot.corpus.CorpusLoader;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompoundSplitterTest {
    private static Analyzer splitter;
    private static DutchAnalysis analysis;

    @BeforeAll
    static void build() throws Exception {
        analysis = new DutchAnalysis(CorpusLoader.bundled(), Tuning.DEFAULT);
        splitter = analysis.splitter;
    }

    @ParameterizedTest
    @CsvSource({
        "klassenfoto, klassenfoto klassen foto",
        "schoolaccount, schoolaccount school account",
        "vriendschapsverzoek, vriendschapsverzoek vriendschap verzoek",
        "cyberpesten, cyberpesten cyber pesten",
        "groepsfoto, groepsfoto groeps foto",
        "personeelsuitje, personeelsuitje personeels uitje",
        "whatsappgroep, whatsappgroep whatsapp groep",
        "schoollogo, schoollogo school logo",
        "privémening, privemening prive mening",
        "ouderportaal, ouderportaal ouder portaal",
        "persoonsgegevens, persoonsgegevens persoon gegevens",
    })
    void splitsCompoundsIntoWholeParts(String word, String expected) {
        assertEquals(List.of(expected.split(" ")), DutchAnalysis.terms(splitter, word));
    }

    @ParameterizedTest
    @CsvSource({"leerlingen", "taalgebruik", "discussie", "medewerkers", "verantwoordelijkheid",
        "onderwijs", "schuttingtaal", "toestemming", "geven", "bestuurders"})
    void leavesOtherWordsWhole(String word) {
        assertEquals(List.of(word), DutchAnalysis.terms(splitter, word));
    }

    @Test
    void stemmingFixesJoinInflections() {
        Analyzer index = analysis.index;
        for (String w : List.of("foto", "foto's", "fotos", "foto’s")) {
            assertEquals(List.of("foto"), DutchAnalysis.terms(index, w), w);
        }
        assertEquals(List.of("klas"), DutchAnalysis.terms(index, "klassen"));
        for (String w : List.of("delen", "deelt", "gedeeld")) {
            assertEquals(List.of("del"), DutchAnalysis.terms(index, w), w);
        }
        assertEquals(List.of("plaats"), DutchAnalysis.terms(index, "geplaatst"));
        assertEquals(List.of("post"), DutchAnalysis.terms(index, "gepost"));
        for (String w : List.of("prive", "privé")) {
            assertEquals(List.of("priv"), DutchAnalysis.terms(index, w), w);
        }
        assertEquals(List.of("pers"), DutchAnalysis.terms(index, "pers"));
    }

    @Test
    void stopWordsAndQuestionWordsAreDropped() {
        assertEquals(List.of(), DutchAnalysis.terms(analysis.index, "mag ik dat wel doen?"));
        assertEquals(List.of(), DutchAnalysis.terms(analysis.index, "can I do it?"));
    }
}
