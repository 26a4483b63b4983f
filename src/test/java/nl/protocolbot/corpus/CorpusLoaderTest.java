package nl.protocolbot.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusLoaderTest {
    private static final String META = "---\nprotocol: demo\norganisation: Demo\ntitle: Demo protocol\n---\n\n";

    @Test
    void bundledCorpusHasFiveProtocolsWithStableIds() throws Exception {
        Corpus corpus = CorpusLoader.bundled();
        assertEquals(List.of("aurora", "konot", "oog", "scoh", "verkruisen"),
                corpus.protocols().stream().map(Protocol::slug).sorted().toList());
        for (String id : List.of("aurora/3.5", "konot/4", "verkruisen/10", "konot/donts-3", "oog/bedenk-2",
                "scoh/communiceren-11", "aurora/voetnoot-2", "scoh/11tal-8", "aurora/bijlage1-8")) {
            assertTrue(corpus.article(id).isPresent(), id);
        }
        Protocol aurora = corpus.protocol("aurora").orElseThrow();
        assertEquals("1.0", aurora.version());
        assertEquals("2021-11-22", aurora.adopted());
        Article a = corpus.article("aurora/3.5").orElseThrow();
        assertTrue(a.section().startsWith("3. Richtlijnen voor alle betrokkenen"), a.section());
        assertFalse(a.title().isBlank());
        assertTrue(a.text().contains("schriftelijke toestemming"), "bold markup removed, words kept");
        assertFalse(a.text().contains("*"));
    }

    @Test
    void everyArticleIsQuotedVerbatimFromTheSeeds() throws Exception {
        String seeds = normalise(String.join("\n", List.of(
                seed("000_bc6a9a6406dfe688.txt"), seed("001_7875dbe41693f878.txt"), seed("002_e942603425a14916.txt"),
                seed("003_eb9f24ec2af87f65.txt"), seed("004_06c34171fe7a5817.txt"))));
        Corpus corpus = CorpusLoader.bundled();
        for (Article a : corpus.articles()) {
            for (String line : a.text().split("\n")) {
                assertTrue(seeds.contains(normalise(line)), a.id() + " is not verbatim: " + line);
            }
        }
    }

    @Test
    void nothingOfTheSeedsBodyIsLeftOut() throws Exception {
        // every sentence-like line of the protocols' bodies appears in some article or section heading
        Corpus corpus = CorpusLoader.bundled();
        String all = normalise(corpus.articles().stream().map(a -> a.section() + "\n" + a.text())
                .collect(Collectors.joining("\n")));
        int checked = 0;
        for (String seed : List.of("001_7875dbe41693f878.txt", "002_e942603425a14916.txt", "004_06c34171fe7a5817.txt")) {
            String body = seed(seed);
            int start = body.indexOf("Inleiding"); // aurora: the document-control table before it is metadata
            for (String line : (seed.startsWith("004") ? body.substring(start) : body).split("\n")) {
                String t = line.strip().replaceFirst("^(- )?(👍 )?(\\d+(\\.\\d+)*\\.? )?", "");
                if (t.split("\\s+").length >= 8 && !t.contains("\t")) {
                    assertTrue(all.contains(normalise(t)), seed + ": missing from the corpus: " + t);
                    checked++;
                }
            }
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    @Test
    void idsAreUnique() throws Exception {
        Corpus corpus = CorpusLoader.bundled();
        Set<String> ids = corpus.articles().stream().map(Article::id).collect(Collectors.toSet());
        assertEquals(corpus.size(), ids.size());
        assertTrue(corpus.size() > 200, "articles: " + corpus.size());
    }

    @Test
    void duplicateIdIsRefusedWithFileAndLine(@TempDir Path dir) throws Exception {
        write(dir, "demo.md", META + "## A\n\n### [1] One\n\nText one.\n\n### [1] Again\n\nText two.\n");
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusLoader.load(dir));
        assertEquals("demo.md:13: dubbel artikel-ID 'demo/1' (ook in demo.md:9)", e.getMessage());
    }

    @Test
    void missingMetadataIsRefused(@TempDir Path dir) throws Exception {
        write(dir, "nometa.md", "## A\n\n### [1] One\n\nText.\n");
        write(dir, "notitle.md", "---\nprotocol: x\norganisation: X\n---\n\n### [1] One\n\nText.\n");
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusLoader.load(dir));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("nometa.md:1: metadata ontbreekt"), e.getMessage());
        assertTrue(e.getMessage().contains("notitle.md:1: metadata 'title' ontbreekt"), e.getMessage());
    }

    @Test
    void unknownMetadataKeyIsRefusedAtItsLine(@TempDir Path dir) throws Exception {
        write(dir, "demo.md", "---\nprotocol: demo\norganisation: Demo\ntitle: T\nauthor: me\n---\n\n### [1] A\n\nText.\n");
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusLoader.load(dir));
        assertTrue(e.getMessage().startsWith("demo.md:5: onbekende metadata 'author'"), e.getMessage());
    }

    @Test
    void emptyArticleIsRefused(@TempDir Path dir) throws Exception {
        write(dir, "demo.md", META + "### [1] Empty\n\n### [2] Full\n\nText.\n");
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusLoader.load(dir));
        assertEquals("demo.md:7: artikel demo/1 is leeg", e.getMessage());
    }

    @Test
    void textOutsideAnArticleAndBadRefsAreRefused(@TempDir Path dir) throws Exception {
        write(dir, "demo.md", META + "## Section\n\nStray paragraph.\n\n### [Bad Ref] Title\n\nText.\n");
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusLoader.load(dir));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("demo.md:9: tekst buiten een artikel"), e.getMessage());
        assertTrue(e.getMessage().contains("demo.md:11: artikelnummer '[Bad Ref]' is ongeldig"), e.getMessage());
    }

    @Test
    void sectionPathFollowsHeadingLevels(@TempDir Path dir) throws Exception {
        write(dir, "demo.md", META + "## Top\n\n### Sub\n\n#### [a] A\n\nText a.\n\n## Next\n\n### [b] B\n\n- one\n- two\n");
        Corpus c = CorpusLoader.load(dir);
        assertEquals("Top › Sub", c.article("demo/a").orElseThrow().section());
        assertEquals("Next", c.article("demo/b").orElseThrow().section());
        assertEquals("- one\n- two", c.article("demo/b").orElseThrow().text());
    }

    @Test
    void missingFolderIsAClearError(@TempDir Path dir) {
        CorpusException e = assertThrows(CorpusException.class, () -> CorpusLoader.load(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("geen leesbare corpusmap"), e.getMessage());
    }

    @Test
    void fingerprintChangesWithContent(@TempDir Path dir) throws Exception {
        write(dir, "demo.md", META + "### [1] One\n\nText.\n");
        String first = CorpusLoader.load(dir).fingerprint();
        write(dir, "demo.md", META + "### [1] One\n\nOther text.\n");
        assertFalse(first.equals(CorpusLoader.load(dir).fingerprint()));
    }

    private static void write(Path dir, String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    static String seed(String name) throws IOException {
        try (InputStream in = CorpusLoaderTest.class.getResourceAsStream("/seeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Whitespace folded, emphasis markers and the thumbs-up bullets of the source PDF removed. */
    static String normalise(String s) {
        return s.replace("👍", " ").replace("*", "").replaceAll("\\s+", " ").strip();
    }
}
