package nl.protocolbot.cli;

import java.nio.file.Path;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusException;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.search.SearchEngine;
import nl.protocolbot.search.Tuning;
import picocli.CommandLine.Option;

/** {@code --corpus DIR}, shared by every command: which corpus to load (default: the one bundled in the jar). */
final class CorpusOption {
    @Option(names = "--corpus", paramLabel = "DIR",
            description = "Corpusmap met protocollen (*.md) en synonyms.txt (standaard: het meegeleverde corpus).")
    Path dir;

    Corpus load() throws CorpusException {
        return dir == null ? CorpusLoader.bundled() : CorpusLoader.load(dir);
    }

    Answerer answerer() throws CorpusException {
        return answerer(Tuning.DEFAULT);
    }

    Answerer answerer(Tuning tuning) throws CorpusException {
        return new Answerer(SearchEngine.build(load(), tuning));
    }
}
