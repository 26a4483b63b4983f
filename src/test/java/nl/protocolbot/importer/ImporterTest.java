package nl.protocolbot.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The importer on the five protocols as boards have them (DOCX and ODT made by pandoc, PDF by LibreOffice), on a PDF
 * laid out another way, and on bad input. The targets: imported text is verbatim protocol text; at least 95 % of the
 * bundled corpus's articles (written by hand from the same protocols) fall whole inside one imported article; 0.8 to
 * 1.5 times as many articles; no page furniture in any article.
 */
class ImporterTest {
    private static Importer importer;
    private static Corpus bundled;

    @BeforeAll
    static void setUp() throws Exception {
        importer = new Importer();
        bundled = CorpusLoader.bundled();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ImporterTest.class.getResourceAsStream("/import/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /import/" + name);
            }
            return in.readAllBytes();
        }
    }

    /** As the eval format compares: accents off, lower case, every run of other characters one space. */
    static String norm(String s) {
        return " " + Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", " ").strip() + " ";
    }

    /**
     * The protocol's source text. Pandoc dropped "&lt;enter&gt;" (it read it as HTML) when it made the DOCX and ODT
     * from it, so the documents lack that word; the reference leaves such tags out too.
     */
    private static String source(String slug) throws IOException {
        return norm(new String(resource("seeds/" + slug + ".txt"), StandardCharsets.UTF_8).replaceAll("<[a-z]+>", ""));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({"aurora,pdf", "aurora,docx", "aurora,odt", "konot,pdf", "konot,docx", "konot,odt", "oog,pdf",
            "oog,docx", "oog,odt", "scoh,pdf", "scoh,docx", "scoh,odt", "verkruisen,pdf", "verkruisen,docx",
            "verkruisen,odt"})
    void eachProtocolFromEachFormatMeetsTheTargets(String slug, String format) throws Exception {
        Draft d = importer.read(slug + "." + format, resource(slug + "." + format));
        String source = source(slug);
        for (Draft.Article a : d.articles()) {
            for (String p : a.paragraphs()) {
                assertTrue(source.contains(norm(p)), "not verbatim: [" + a.ref() + "] " + p);
            }
        }
        List<Article> reference = bundled.protocol(slug).orElseThrow().articles();
        List<String> imported = d.articles().stream().map(a -> norm(a.text())).toList();
        List<String> split = new ArrayList<>();
        for (Article r : reference) {
            if (imported.stream().noneMatch(i -> i.contains(norm(r.text())))) {
                split.add(r.id());
            }
        }
        double whole = 1 - split.size() / (double) reference.size();
        assertTrue(whole >= 0.95, String.format(Locale.ROOT, "whole %.3f, split: %s", whole, split));
        double ratio = d.articles().size() / (double) reference.size();
        assertTrue(ratio >= 0.8 && ratio <= 1.5, "article count " + d.articles().size() + " vs " + reference.size());
    }

    @Test
    void numbersTitlesAndFrontMatterComeFromTheDocument() throws Exception {
        Draft aurora = importer.read("aurora.pdf", resource("aurora.pdf"));
        assertEquals("Social Media Protocol", aurora.title());
        assertEquals("1.0", aurora.version());
        assertEquals("2021-11-22", aurora.adopted());
        Draft.Article a35 = aurora.articles().stream().filter(a -> a.ref().equals("3.5")).findFirst().orElseThrow();
        assertTrue(a35.text().startsWith("Aurora OnderwijsGroep vraagt aantoonbaar schriftelijke toestemming"),
                a35.text());
        assertEquals("Richtlijnen voor alle betrokkenen (medewerkers, leerlingen en ouders/verzorgers)", a35.section());
        Draft verkruisen = importer.read("verkruisen.docx", resource("verkruisen.docx"));
        List<String> refs = verkruisen.articles().stream().map(Draft.Article::ref).toList();
        for (int i = 1; i <= 12; i++) {
            assertTrue(refs.contains(Integer.toString(i)), "article " + i + " numbered as the document: " + refs);
        }
        // a paragraph break inside item 4 of the list, and one in the middle of a sentence of item 12, stay in it
        Draft.Article four = verkruisen.articles().get(refs.indexOf("4"));
        assertEquals(2, four.paragraphs().size(), four.text());
        assertTrue(verkruisen.articles().get(refs.indexOf("12")).text().contains("Een telefoon-\nof whatsappketen"));
        Draft oog = importer.read("oog.odt", resource("oog.odt"));
        assertTrue(oog.articles().stream().anyMatch(a -> a.section().endsWith(
                "Bij het gebruik van social media hanteren we een aantal regels:")));
    }

    @Test
    void aPdfLaidOutAnotherWayLosesItsHeadersFootersPageNumbersTableOfContentsAndFormFields() throws Exception {
        for (String slug : List.of("verkruisen", "konot", "oog")) {
            List<Article> reference = bundled.protocol(slug).orElseThrow().articles();
            byte[] pdf = new OtherRendering().render("Social Media Protocol " + slug, reference);
            Draft d = importer.read(slug + ".pdf", pdf);
            for (Draft.Article a : d.articles()) {
                String text = a.text();
                assertFalse(text.contains("Pagina "), slug + ": page number in [" + a.ref() + "] " + text);
                assertFalse(text.contains(OtherRendering.HEADER), slug + ": running header in [" + a.ref() + "]");
                assertFalse(text.contains("......"), slug + ": table of contents in [" + a.ref() + "] " + text);
                assertFalse(text.contains("____"), slug + ": form field in [" + a.ref() + "] " + text);
                assertFalse(a.section().contains("Inhoudsopgave"), slug + ": " + a.section());
            }
            assertTrue(d.dropped().contains(OtherRendering.HEADER), d.dropped().toString());
            assertTrue(d.dropped().stream().anyMatch(l -> l.matches("Pagina \\d+ van \\d+")), d.dropped().toString());
            List<String> imported = d.articles().stream().map(a -> norm(a.text())).toList();
            List<String> split = reference.stream()
                    .filter(r -> imported.stream().noneMatch(i -> i.contains(norm(OtherRendering.printable(r.text())))))
                    .map(Article::id).collect(Collectors.toList());
            assertTrue(split.size() <= reference.size() * 0.05, slug + ": split " + split);
        }
    }

    @Test
    void badInputIsRefusedWithADutchMessage() throws Exception {
        assertRefused("broken/gescand.pdf", "geen tekst gevonden: dit lijkt een gescande PDF");
        assertRefused("broken/versleuteld.pdf", "versleuteld");
        assertRefused("broken/afgebroken.pdf", "beschadigd of onvolledig");
        assertRefused("broken/geen-pdf.pdf", "heet .pdf maar is geen PDF");
        assertRefused("broken/opgeblazen.docx", "pakt uit tot meer dan");
        ImportException tooLarge = assertThrows(ImportException.class,
                () -> importer.read("groot.pdf", new byte[20 * 1024 * 1024 + 1]));
        assertTrue(tooLarge.getMessage().contains("te groot"), tooLarge.getMessage());
        ImportException none = assertThrows(ImportException.class, () -> importer.read("leeg.md",
                "# Protocol\n\n## Inhoud\n\nZie hieronder.\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(none.getMessage().startsWith("geen artikelen gevonden"), none.getMessage());
    }

    private static void assertRefused(String file, String message) throws Exception {
        byte[] bytes = resource(file);
        ImportException e = assertThrows(ImportException.class, () -> importer.read(file, bytes));
        assertTrue(e.getMessage().contains(message), file + ": " + e.getMessage());
    }

    @Test
    void writingStartsANewFolderFromTheBundledCorpusRefusesToOverwriteAndWritesNothingWhenRefused(@TempDir Path tmp)
            throws Exception {
        Draft d = importer.read("verkruisen.odt", resource("verkruisen.odt"));
        Path dir = tmp.resolve("corpus");
        Importer.Written w = importer.write(d, dir, "obs-test", "OBS Test", false);
        assertTrue(w.startedFromBundled());
        Corpus c = CorpusLoader.load(dir);
        assertEquals(6, c.protocols().size());
        List<Article> read = c.protocol("obs-test").orElseThrow().articles();
        assertEquals(d.articles().size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(d.articles().get(i).text(), read.get(i).text(), "verbatim after writing and reading back");
        }
        String before = Files.readString(dir.resolve("obs-test.md"));
        ImportException again = assertThrows(ImportException.class,
                () -> importer.write(d.retitle(0, "Nieuw"), dir, "obs-test", "OBS Test", false));
        assertTrue(again.getMessage().contains("--replace"), again.getMessage());
        assertEquals(before, Files.readString(dir.resolve("obs-test.md")));
        importer.write(d.retitle(0, "Social media in het onderwijs"), dir, "obs-test", "OBS Test", true);
        assertEquals("Social media in het onderwijs",
                CorpusLoader.load(dir).protocol("obs-test").orElseThrow().articles().get(0).title());
        Path other = tmp.resolve("other");
        assertThrows(ImportException.class, () -> importer.write(d, other, "Geen Slug", "X", false));
        assertFalse(Files.exists(other), "nothing written");
        try (var s = Files.list(tmp)) {
            assertEquals(List.of("corpus"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no half-built folder left beside the target");
        }
    }

    @Test
    void markdownSpecialCharactersSurviveTheCorpusFormat(@TempDir Path tmp) throws Exception {
        String text = "* Foto's *niet* plaatsen_zonder_ [toestemming](x) <b>vet</b> & 1. nummer # kop \\ pad`code`\n\n"
                + "1) Tweede alinea met 3.5 en 25 mei 2018 - en + tekens | ~ ! = einde.";
        Draft d = importer.read("tekens.txt", ("# Regels\n\n" + text.replace("\n\n", "\n\nAlinea: ")).getBytes(
                StandardCharsets.UTF_8));
        importer.write(d, tmp.resolve("c"), "tekens", "Tekens", false);
        List<Article> read = CorpusLoader.load(tmp.resolve("c")).protocol("tekens").orElseThrow().articles();
        for (int i = 0; i < read.size(); i++) {
            assertEquals(d.articles().get(i).text(), read.get(i).text());
        }
    }

    @Test
    void mergeSplitAndRetitleEditTheDraft() throws Exception {
        Draft d = importer.read("verkruisen.docx", resource("verkruisen.docx"));
        int n = d.articles().size();
        Draft merged = d.merge(0);
        assertEquals(n - 1, merged.articles().size());
        assertEquals(d.articles().get(0).text() + "\n" + d.articles().get(1).text(), merged.articles().get(0).text());
        Draft split = merged.split(0, 1);
        assertEquals(n, split.articles().size());
        assertEquals(d.articles().get(1).text(), split.articles().get(1).text());
        assertEquals(d.articles().get(0).ref() + "-2", split.articles().get(1).ref());
        assertEquals("Een titel", d.retitle(3, "  Een   titel ").articles().get(3).title());
        assertThrows(IllegalArgumentException.class, () -> d.split(0, 0));
        assertThrows(IllegalArgumentException.class, () -> d.merge(n - 1));
    }
}
