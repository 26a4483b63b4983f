package nl.protocolbot.corpus;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Adds an example question to an article in a corpus folder ({@code protocolbot learn}, and later the web page).
 * The folder must pass {@code check} before and after; the file is replaced atomically (written beside it, then
 * moved over it), so a reader such as the live reload sees either the old or the new file, never half of one. A
 * lock file serialises writers, also across processes.
 */
final class ExampleWriter {
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final String LOCK = ".learn.lock";
    private static final String HEADER = "# Voorbeeldvragen: hoe medewerkers ernaar vragen. Geen protocoltekst; wordt"
            + " nooit getoond.\n# Eén vraag per regel: <artikel-id>: <vraag>\n\n";

    private ExampleWriter() {
    }

    static Example add(Path dir, String articleId, String question) throws CorpusException {
        String q = SPACE.matcher(question == null ? "" : question).replaceAll(" ").strip();
        String id = articleId == null ? "" : articleId.strip();
        String problem = ExampleFiles.problem(q);
        if (problem != null) {
            throw refused("vraag", problem);
        }
        Path folder = dir.resolve(CorpusLoader.EXAMPLES_DIR);
        try {
            CorpusLoader.load(dir); // a broken folder is not written to
            Files.createDirectories(folder);
            try (FileChannel lock = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock held = lock.lock()) {
                return addLocked(dir, id, q);
            }
        } catch (IOException e) {
            throw refused(CorpusLoader.EXAMPLES_DIR, "kan niet schrijven: " + e.getMessage());
        }
    }

    private static Example addLocked(Path dir, String id, String q) throws CorpusException, IOException {
        Corpus corpus = CorpusLoader.load(dir);
        Article article = corpus.article(id).orElseThrow(() -> refused(id, "onbekend artikel-ID"));
        String key = ExampleFiles.key(q);
        for (Example e : corpus.examples()) {
            if (e.articleId().equals(id) && ExampleFiles.key(e.question()).equals(key)) {
                throw refused(e.source(), "deze vraag staat al als voorbeeld bij " + id);
            }
        }
        if (corpus.outOfScope().stream().anyMatch(o -> ExampleFiles.key(o).equals(key))) {
            throw refused(CorpusLoader.OUT_OF_SCOPE_FILE, "deze vraag staat bij de vragen buiten het protocol");
        }
        String name = article.protocol() + ".txt";
        Path file = dir.resolve(CorpusLoader.EXAMPLES_DIR).resolve(name);
        String old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        String base = old == null ? HEADER : old.isEmpty() || old.endsWith("\n") ? old : old + "\n";
        replace(file, base + id + ": " + q + "\n");
        try {
            CorpusLoader.load(dir);
        } catch (CorpusException e) {
            restore(file, old);
            throw e;
        }
        int line = (int) (base + "x").lines().count();
        return new Example(id, q, CorpusLoader.EXAMPLES_DIR + "/" + name + ":" + line);
    }

    private static void restore(Path file, String old) throws IOException {
        if (old == null) {
            Files.deleteIfExists(file);
        } else {
            replace(file, old);
        }
    }

    /** Writes the new content beside the file, flushes it to disk, then moves it over the file in one step. */
    private static void replace(Path file, String content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            keepPermissions(file, tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(StandardCharsets.UTF_8.encode(content));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A temporary file is private to its owner; the corpus file keeps the permissions it had (or rw-r--r--). */
    private static void keepPermissions(Path file, Path tmp) throws IOException {
        try {
            Files.setPosixFilePermissions(tmp, Files.exists(file) ? Files.getPosixFilePermissions(file)
                    : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }

    private static CorpusException refused(String where, String message) {
        return new CorpusException(List.of(new Problem(where, 0, message)));
    }
}
