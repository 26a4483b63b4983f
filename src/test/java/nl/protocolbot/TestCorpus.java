package nl.protocolbot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A writable copy of the bundled corpus, for tests that edit a corpus folder. */
public final class TestCorpus {
    private TestCorpus() {
    }

    /** Copies the bundled corpus (with its subfolders) to {@code tmp/corpus} and returns that folder. */
    public static Path copy(Path tmp) throws Exception {
        return copyResource("/corpus", tmp.resolve("corpus"));
    }

    /** Copies a folder of the test class path (e.g. {@code /fixtures/examples-ok}) to {@code to}; returns it. */
    public static Path copyResource(String resource, Path to) throws Exception {
        Path from = Path.of(TestCorpus.class.getResource(resource).toURI());
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
