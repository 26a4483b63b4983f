package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import nl.protocolbot.TestCorpus;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.corpus.Example;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * K-fold cross-validation over the corpus's own example and out-of-scope questions: each fold is left out of the
 * index in turn and asked as questions. An example counts as a hit when its own article (or a copy of it grouped
 * under another protocol's) is among the first three; an out-of-scope question when no article is given.
 * A measurement, not a test of behaviour: it runs only in the bench profile
 * ({@code mvn -B -Pbench test -Dtest=CrossValidationBench}) and prints one Markdown row per run.
 * <p>Options (system properties, through {@code -DargLine=...}): {@code cv.misses} prints each miss;
 * {@code cv.keep=TEXT} keeps the examples whose file name contains TEXT in every fold's index and never asks them
 * (does adding them help find the others?); {@code cv.drop=TEXT} leaves them out altogether.
 */
@Tag("bench")
class CrossValidationBench {
    private static final int FOLDS = 5;
    private static final boolean PRINT_MISSES = System.getProperty("cv.misses") != null;
    private static final Optional<String> KEEP = Optional.ofNullable(System.getProperty("cv.keep"));
    private static final Optional<String> DROP = Optional.ofNullable(System.getProperty("cv.drop"));

    @TempDir
    Path tmp;

    @Test
    void crossValidation() throws Exception {
        Path source = TestCorpus.copy(tmp.resolve("source"));
        Corpus full = CorpusLoader.load(source);
        List<Example> examples = full.examples().stream().filter(e -> !from(e, DROP)).toList();
        List<String> outOfScope = full.outOfScope();
        int hit1 = 0;
        int hit3 = 0;
        int answered = 0;
        int rejected = 0;
        double rr = 0;
        for (int fold = 0; fold < FOLDS; fold++) {
            Path dir = tmp.resolve("fold" + fold);
            copyProtocols(source, dir);
            List<String> kept = new ArrayList<>();
            List<Example> asked = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                Example e = examples.get(i);
                if (i % FOLDS == fold && !from(e, KEEP)) {
                    asked.add(e);
                } else {
                    kept.add(e.articleId() + ": " + e.question());
                }
            }
            List<String> keptOut = new ArrayList<>();
            List<String> askedOut = new ArrayList<>();
            for (int i = 0; i < outOfScope.size(); i++) {
                (i % FOLDS == fold ? askedOut : keptOut).add(outOfScope.get(i));
            }
            Files.createDirectories(dir.resolve(CorpusLoader.EXAMPLES_DIR));
            Files.write(dir.resolve(CorpusLoader.EXAMPLES_DIR).resolve("fold.txt"), kept, StandardCharsets.UTF_8);
            Files.write(dir.resolve(CorpusLoader.OUT_OF_SCOPE_FILE), keptOut, StandardCharsets.UTF_8);
            SearchEngine engine = SearchEngine.build(CorpusLoader.load(dir));
            for (Example e : asked) {
                List<Hit> hits = engine.search(e.question(), 5, Optional.empty());
                if (!hits.isEmpty()) {
                    answered++;
                }
                boolean found3 = false;
                for (int rank = 0; rank < Math.min(3, hits.size()); rank++) {
                    found3 |= isOwn(hits.get(rank), e.articleId());
                }
                if (!found3 && PRINT_MISSES) {
                    System.out.println("MISS " + e.articleId() + " | " + e.question() + " -> "
                            + hits.stream().limit(3).map(h -> h.article().id()).toList());
                }
                for (int rank = 0; rank < hits.size(); rank++) {
                    if (isOwn(hits.get(rank), e.articleId())) {
                        hit1 += rank == 0 ? 1 : 0;
                        hit3 += rank < 3 ? 1 : 0;
                        rr += 1.0 / (rank + 1);
                        break;
                    }
                }
            }
            for (String q : askedOut) {
                List<Hit> hits = engine.search(q, 5, Optional.empty());
                if (hits.isEmpty()) {
                    rejected++;
                } else if (PRINT_MISSES) {
                    System.out.println("ANSWERED " + q + " -> " + hits.stream().limit(3).map(h -> h.article().id())
                            .toList());
                }
            }
        }
        int n = (int) examples.stream().filter(e -> !from(e, KEEP)).count();
        System.out.printf(Locale.ROOT, "| %d-fold | examples %d: Hit@1 %.3f, Hit@3 %.3f, MRR@5 %.3f, answered %.1f %% "
                        + "| out of scope %d: rejected %d (%.1f %%) |%n", FOLDS, n, hit1 / (double) n,
                hit3 / (double) n, rr / n, 100.0 * answered / n, outOfScope.size(), rejected,
                100.0 * rejected / outOfScope.size());
        assertTrue(n > 0 && !outOfScope.isEmpty(), "the corpus has example and out-of-scope questions");
    }

    /** Whether an example comes from a file whose name contains the option's text. */
    private static boolean from(Example e, Optional<String> fileName) {
        return fileName.isPresent() && e.source().contains(fileName.get());
    }

    private static boolean isOwn(Hit hit, String articleId) {
        if (hit.article().id().equals(articleId)) {
            return true;
        }
        for (Article a : hit.alsoIn()) {
            if (a.id().equals(articleId)) {
                return true;
            }
        }
        return false;
    }

    /** The corpus folder without its question lists: protocols, word lists and core rules. */
    private static void copyProtocols(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().equals(CorpusLoader.OUT_OF_SCOPE_FILE)) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }
}
