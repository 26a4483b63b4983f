package nl.protocolbot.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusException;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.corpus.Problem;
import nl.protocolbot.corpus.Protocol;

/**
 * Imports a board's protocol from PDF, DOCX, ODT, Markdown or plain text: {@link #read} proposes a {@link Draft},
 * {@link #write} checks it as {@code check} does and writes it into a corpus folder atomically. The format is told by
 * the file's content, not its name. Bad input is refused with a Dutch message ({@link ImportException}).
 */
public final class Importer {
    /** The largest file accepted. */
    public static final long MAX_BYTES = 20L * 1024 * 1024;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final Hyphens hyphens = new Hyphens();

    /** The result of writing: the file written, whether the folder was started from the bundled corpus. */
    public record Written(Path file, boolean startedFromBundled, Protocol protocol) {
    }

    /** Reads a file, bounded to {@link #MAX_BYTES}. */
    public Draft read(Path file) throws ImportException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooLarge(size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw new ImportException("bestand niet gevonden: " + file);
        } catch (IOException e) {
            throw new ImportException("kan het bestand niet lezen: " + file);
        }
        return read(file.getFileName().toString(), bytes);
    }

    /** Reads a document given as bytes (an upload), its name telling Markdown from plain text. */
    public Draft read(String name, byte[] bytes) throws ImportException {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(bytes.length);
        }
        if (bytes.length == 0) {
            throw new ImportException("het bestand is leeg");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        Extracted doc = extract(lower, bytes);
        Draft draft = Structure.draft(doc);
        if (draft.articles().isEmpty()) {
            throw new ImportException("geen artikelen gevonden in dit document: er staat geen doorlopende tekst in "
                    + "(alleen koppen, tabellen van inhoud of losse woorden); controleer of dit het protocol is");
        }
        return draft;
    }

    private Extracted extract(String name, byte[] bytes) throws ImportException {
        if (isPdf(bytes)) {
            return new PdfReader(hyphens).read(bytes);
        }
        if (Zips.isZip(bytes)) {
            var parts = Zips.checked(bytes, Set.of("word/document.xml", "content.xml"));
            if (parts.containsKey("word/document.xml")) {
                return new DocxReader().read(bytes);
            }
            if (parts.containsKey("content.xml")) {
                return new OdtReader().read(bytes);
            }
            throw new ImportException("dit ZIP-bestand is geen Word- (.docx) of OpenDocument-document (.odt)");
        }
        if (bytes.length >= 4 && (bytes[0] & 0xff) == 0xD0 && (bytes[1] & 0xff) == 0xCF) {
            throw new ImportException("dit is een oud Word-bestand (.doc); sla het in Word op als .docx en importeer "
                    + "dat");
        }
        String text = utf8(bytes);
        if (name.endsWith(".pdf")) {
            throw new ImportException("dit bestand heet .pdf maar is geen PDF"
                    + (text == null ? "" : " (het is platte tekst)") + "; kies het echte PDF-bestand");
        }
        if (name.endsWith(".docx") || name.endsWith(".odt")) {
            throw new ImportException("dit bestand heet " + name.substring(name.lastIndexOf('.'))
                    + " maar is geen Word- of OpenDocument-document (het is beschadigd of iets anders)");
        }
        if (text == null) {
            throw new ImportException("onbekend bestandsformaat: importeer een PDF, Word (.docx), OpenDocument (.odt), "
                    + "Markdown (.md) of tekstbestand (.txt) in UTF-8");
        }
        return new MarkdownReader().read(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    private static boolean isPdf(byte[] bytes) {
        int limit = Math.min(bytes.length, 1024);
        String head = new String(bytes, 0, limit, StandardCharsets.ISO_8859_1);
        return head.contains("%PDF-");
    }

    private static String utf8(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.indexOf('\0') >= 0 ? null : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static ImportException tooLarge(long size) {
        return new ImportException(String.format(Locale.ROOT,
                "het bestand is te groot (%.1f MB); de grens is %d MB", size / 1048576.0, MAX_BYTES >> 20));
    }

    /** Whether a slug can name a protocol. */
    public static boolean validSlug(String slug) {
        return slug != null && SLUG.matcher(slug).matches();
    }

    /**
     * Writes the draft as {@code dir/<slug>.md}. A folder that does not exist (or is empty) is started from the
     * bundled corpus, so the new protocol learns from its example questions. Refuses an existing protocol without
     * {@code replace}, and anything {@code check} would refuse; writes through a temporary file and an atomic rename,
     * so the live corpus never sees half a file.
     */
    public Written write(Draft draft, Path dir, String slug, String organisation, boolean replace)
            throws ImportException {
        if (!validSlug(slug)) {
            throw new ImportException("'" + slug + "' is geen geldige naam voor een protocol: kleine letters, cijfers "
                    + "en '-', hoogstens 40 tekens (bijvoorbeeld 'stichting-primo')");
        }
        if (organisation == null || organisation.isBlank()) {
            throw new ImportException("geef de naam van de organisatie (--organisation \"Naam\")");
        }
        String fileName = slug + ".md";
        Path file = dir.resolve(fileName);
        boolean fresh = !Files.exists(dir) || empty(dir);
        if (!fresh && !Files.isDirectory(dir)) {
            throw new ImportException(dir + " is geen map");
        }
        if (!replace && Files.exists(file)) {
            throw new ImportException("er staat al een protocol " + fileName + " in " + dir
                    + "; gebruik --replace om het te vervangen");
        }
        Path target = dir;
        Path work = dir;
        try {
            if (fresh) {
                // a new folder is built beside the target and renamed into place only when it is complete
                Path parent = dir.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                work = Files.createTempDirectory(parent, "." + dir.getFileName() + ".import");
                CorpusLoader.copyBundled(work);
            }
            String markdown = draft.markdown(slug, organisation.strip());
            Corpus corpus = CorpusLoader.loadWith(work, fileName, markdown);
            Protocol protocol = corpus.protocol(slug).orElseThrow(() -> new ImportException(
                    "een ander bestand in " + dir + " heeft al protocol: " + slug));
            verbatim(draft, protocol);
            Path tmp = work.resolve("." + fileName + ".import");
            Files.writeString(tmp, markdown, StandardCharsets.UTF_8);
            move(tmp, work.resolve(fileName));
            if (fresh) {
                move(work, target);
            }
            return new Written(file, fresh, protocol);
        } catch (CorpusException e) {
            List<String> lines = new ArrayList<>();
            for (Problem p : e.problems()) {
                lines.add(p.toString());
            }
            throw new ImportException("het resultaat zou 'check' niet doorstaan; er is niets geschreven:\n  "
                    + String.join("\n  ", lines));
        } catch (IOException e) {
            throw new ImportException("kan niet schrijven in " + dir + ": " + e.getMessage());
        } finally {
            if (fresh && !work.equals(target)) {
                deleteQuietly(work);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes a half-built folder after a refusal (it was never visible under the target's name). */
    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover hidden folder beside the target is harmless; the refusal itself is what the user needs
        }
    }

    private static boolean empty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** The corpus must read back exactly the text of the draft: the Markdown escaping may not change a character. */
    private static void verbatim(Draft draft, Protocol protocol) throws ImportException {
        List<Article> read = protocol.articles();
        if (read.size() != draft.articles().size()) {
            throw new ImportException("interne fout: het geschreven protocol telt " + read.size() + " artikelen in "
                    + "plaats van " + draft.articles().size() + "; er is niets geschreven");
        }
        for (int i = 0; i < read.size(); i++) {
            if (!read.get(i).text().equals(draft.articles().get(i).text())) {
                throw new ImportException("interne fout: artikel [" + draft.articles().get(i).ref()
                        + "] zou niet letterlijk in het corpus komen; er is niets geschreven");
            }
        }
    }
}
