package nl.protocolbot.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusException;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.corpus.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The corpus the server answers from, following its folder: when a file there changes, the corpus is re-read and
 * re-indexed in the background and swapped in atomically; questions in flight finish on the old index. A change
 * that does not pass {@code check}, or a folder that disappears or cannot be read, leaves the old index serving and
 * is logged with file and line. Without a folder, the bundled corpus is served and never reloaded.
 */
public final class LiveCorpus<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCorpus.class);

    /** Builds what answers questions from a loaded corpus (the index); may refuse it. */
    public interface Indexer<T> {
        T index(Corpus corpus) throws CorpusException;
    }

    /** What is being served: the corpus's content hash, when it was loaded, and its size. */
    public record Version(String fingerprint, Instant loadedAt, int articles, int protocols) {
    }

    /**
     * A change of the folder that was not served: when it was seen, the problems with file and line (empty when the
     * folder itself could not be read), and the one-line summary that was logged.
     */
    public record Refusal(Instant at, List<Problem> problems, String summary) {
        public Refusal {
            problems = List.copyOf(problems);
        }
    }

    /** What happened to a change of the folder, for whoever counts it (the metrics). */
    public enum Reload { LOADED, REFUSED }

    private record Loaded<T>(T answerer, Version version) {
    }

    private final Optional<Path> dir;
    private final Indexer<T> indexer;
    private final Clock clock;
    private final java.util.function.Consumer<Reload> reloads;
    private final AtomicReference<Loaded<T>> current = new AtomicReference<>();
    private volatile String lastSnapshot = "";
    private volatile String lastFailure = "";
    private final AtomicReference<Refusal> lastRefusal = new AtomicReference<>();
    private ScheduledExecutorService poller;

    /**
     * @param indexer what the corpus is turned into (the search index and its answerer)
     * @param reloads told of every change of the folder loaded or refused
     */
    public LiveCorpus(Optional<Path> dir, Indexer<T> indexer, Clock clock,
                      java.util.function.Consumer<Reload> reloads) {
        this.dir = Objects.requireNonNull(dir);
        this.reloads = reloads;
        this.indexer = indexer;
        this.clock = clock;
    }

    /** Loads the corpus for the first time; a broken corpus is refused (the server must not start on it). */
    public void load() throws CorpusException {
        String snapshot = dir.map(LiveCorpus::snapshot).orElse("");
        Corpus corpus = dir.isPresent() ? CorpusLoader.load(dir.get()) : CorpusLoader.bundled();
        swap(corpus);
        lastSnapshot = snapshot;
    }

    /** Checks the folder every {@code interval} and reloads on change. */
    public void watch(Duration interval) {
        if (dir.isEmpty() || poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "corpus-watch");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            try {
                reloadIfChanged();
            } catch (RuntimeException e) {
                LOG.error("corpus check failed: {}", e.getClass().getSimpleName());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Reloads when the folder's files changed since the last look; returns whether a new index was swapped in. One
     * reload at a time: the watcher and an explicit call after learning do not race.
     */
    public synchronized boolean reloadIfChanged() {
        if (dir.isEmpty()) {
            return false;
        }
        String snapshot = snapshot(dir.get());
        if (snapshot.equals(lastSnapshot)) {
            return false;
        }
        lastSnapshot = snapshot;
        if (snapshot.isEmpty()) {
            failed("corpus folder " + dir.get() + " is missing or unreadable; the old index keeps serving", List.of());
            return false;
        }
        try {
            Corpus corpus = CorpusLoader.load(dir.get());
            if (current.get() != null && corpus.fingerprint().equals(current.get().version().fingerprint())) {
                return false;
            }
            swap(corpus);
            lastFailure = "";
            reloads.accept(Reload.LOADED);
            LOG.info("corpus reloaded: {} articles, version {}", corpus.size(), corpus.fingerprint());
            return true;
        } catch (CorpusException e) {
            StringBuilder sb = new StringBuilder("corpus change refused; the old index keeps serving:");
            for (Problem p : e.problems()) {
                sb.append("\n  ").append(p);
            }
            failed(sb.toString(), e.problems());
            return false;
        } catch (RuntimeException e) {
            failed("corpus reload failed (" + e.getClass().getSimpleName() + "); the old index keeps serving",
                    List.of());
            return false;
        }
    }

    private void failed(String message, List<Problem> problems) {
        reloads.accept(Reload.REFUSED);
        if (!message.equals(lastFailure)) {
            LOG.warn(message);
            lastFailure = message;
        }
        lastRefusal.set(new Refusal(clock.instant(), problems, message.lines().findFirst().orElse(message)));
    }

    /** The last change of the folder that was refused (it stays shown after later good reloads), if any. */
    public Optional<Refusal> lastRefusal() {
        return Optional.ofNullable(lastRefusal.get());
    }

    private void swap(Corpus corpus) throws CorpusException {
        long start = System.nanoTime();
        T answerer = indexer.index(corpus);
        Version v = new Version(corpus.fingerprint(), clock.instant(), corpus.size(), corpus.protocols().size());
        current.set(new Loaded<>(answerer, v));
        LOG.info("index ready: {} articles from {} protocols in {} ms (corpus {})", corpus.size(),
                corpus.protocols().size(), (System.nanoTime() - start) / 1_000_000, corpus.fingerprint());
    }

    /** The answerer of the current index, or null before the first load. */
    public T current() {
        Loaded<T> l = current.get();
        return l == null ? null : l.answerer();
    }

    public Optional<Version> version() {
        return Optional.ofNullable(current.get()).map(Loaded::version);
    }

    /**
     * Names, sizes and modification times of the folder's files and of its subfolders' (the example questions);
     * empty when it cannot be read.
     */
    private static String snapshot(Path dir) {
        try (Stream<Path> files = Files.walk(dir, 2)) {
            List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
            StringBuilder sb = new StringBuilder();
            for (Path f : sorted) {
                sb.append(dir.relativize(f)).append(':').append(Files.size(f)).append(':')
                        .append(Files.getLastModifiedTime(f).toMillis()).append(':')
                        .append(Files.isReadable(f)).append('\n');
            }
            return sb.length() == 0 ? "(empty)" : sb.toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
