package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.search.SearchEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code protocolbot import}: a board's PDF becomes a protocol in a new corpus folder that passes {@code check} and
 * answers from day one; bad files exit 1 with a Dutch message and write nothing.
 */
class ImportCommandTest {
    private static Path copy(String resource, Path dir) throws Exception {
        Path to = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = ImportCommandTest.class.getResourceAsStream("/import/" + resource)) {
            Files.copy(in, to);
        }
        return to;
    }

    @Test
    void importsAPdfIntoANewFolderThatPassesCheckAndAnswersFromDayOne(@TempDir Path tmp) throws Exception {
        Path pdf = copy("verkruisen.pdf", tmp);
        Path dir = tmp.resolve("mijn-corpus");
        MainTest.Run r = MainTest.run("import", pdf.toString(), "--org", "obs-muntendam", "--organisation",
                "OBS Muntendam", "--corpus", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Geïmporteerd: verkruisen.pdf → " + dir.resolve("obs-muntendam.md")
                + " (17 artikelen)"), r.out());
        assertTrue(r.out().contains("Artikelen per hoofdstuk:"), r.out());
        assertTrue(r.out().contains("5 artikelen (opsommingstekens, alinea's, lijsten zonder nummers) hebben geen "
                + "nummer in het document; hun ID komt van de kop erboven (zoals obs-muntendam/social-media-1)."),
                "the paragraphs around the numbered rules: " + r.out());
        assertTrue(r.out().contains("PROTOCOLBOT_ORG=obs-muntendam"), r.out());
        assertEquals(0, MainTest.run("check", "--corpus", dir.toString()).code());

        MainTest.Run asked = MainTest.run("ask", "--corpus", dir.toString(), "--org", "obs-muntendam", "--json",
                "mag ik foto's van leerlingen op facebook zetten?");
        assertEquals(0, asked.code(), asked.err());
        assertTrue(asked.out().contains("\"id\":\"obs-muntendam/10\""), "the consent rule, article 10: " + asked.out());

        // the protocol has no core rules of its own: it shows its articles linked to the other protocols' ones
        Answerer a = new Answerer(SearchEngine.build(CorpusLoader.load(dir)), Optional.of("obs-muntendam"), q -> { });
        List<String> core = a.coreRules().stream().map(Article::id).toList();
        assertFalse(core.isEmpty());
        assertTrue(core.stream().allMatch(id -> id.startsWith("obs-muntendam/")), core.toString());
        assertTrue(core.contains("obs-muntendam/10"), core.toString());

        MainTest.Run again = MainTest.run("import", pdf.toString(), "--org", "obs-muntendam", "--organisation",
                "OBS Muntendam", "--corpus", dir.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("gebruik --replace om het te vervangen"), again.err());
        assertEquals(0, MainTest.run("import", pdf.toString(), "--org", "obs-muntendam", "--organisation",
                "OBS Muntendam", "--corpus", dir.toString(), "--replace").code());
    }

    @Test
    void badFilesExitOneWithADutchMessageAndWriteNothing(@TempDir Path tmp) throws Exception {
        for (String[] bad : new String[][] {{"broken/gescand.pdf", "geen tekst gevonden: dit lijkt een gescande PDF"},
                {"broken/versleuteld.pdf", "versleuteld"}, {"broken/afgebroken.pdf", "beschadigd"},
                {"broken/geen-pdf.pdf", "is geen PDF"}, {"broken/opgeblazen.docx", "pakt uit tot meer dan"}}) {
            Path file = copy(bad[0], tmp);
            Path dir = tmp.resolve("corpus-" + file.getFileName());
            MainTest.Run r = MainTest.run("import", file.toString(), "--org", "test", "--organisation", "Test",
                    "--corpus", dir.toString());
            assertEquals(1, r.code(), bad[0]);
            assertTrue(r.err().startsWith("protocolbot: " + file.getFileName() + ": "), r.err());
            assertTrue(r.err().contains(bad[1]), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
            assertFalse(Files.exists(dir), "nothing written for " + bad[0]);
        }
        Path big = tmp.resolve("groot.pdf");
        try (var ch = Files.newByteChannel(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(21L * 1024 * 1024);
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
        }
        MainTest.Run r = MainTest.run("import", big.toString(), "--org", "test", "--organisation", "Test",
                "--corpus", tmp.resolve("c").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("het bestand is te groot (21.0 MB); de grens is 20 MB"), r.err());
        MainTest.Run noOrg = MainTest.run("import", big.toString(), "--org", "Geen Slug", "--organisation", "T",
                "--corpus", tmp.resolve("c").toString());
        assertEquals(2, noOrg.code());
        assertFalse(Files.exists(tmp.resolve("c")));
    }
}
