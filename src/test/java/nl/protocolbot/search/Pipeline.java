package nl.protocolbot.search;

import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusException;
import nl.protocolbot.corpus.CorpusLoader;
import org.apache.lucene.search.similarities.BM25Similarity;

/** The search's steps over the bundled corpus, built once for the step tests. */
final class Pipeline {
    final Corpus corpus;
    final Analysis analysis;
    final Index index;
    final QuestionReader reader;
    final Retrieval retrieval;
    final Fusion fusion;
    final Decision decision;
    final Grouping grouping;
    final Highlights highlights;

    private Pipeline(Tuning tuning) throws CorpusException {
        corpus = CorpusLoader.bundled();
        analysis = new Analysis(corpus, tuning);
        index = new Index(corpus, analysis.index, analysis.phrasing, new BM25Similarity(tuning.k1(), tuning.b()));
        reader = new QuestionReader(analysis, index);
        retrieval = new Retrieval(index, analysis, tuning);
        fusion = new Fusion(index, tuning);
        decision = new Decision(tuning, analysis.topics);
        grouping = new Grouping(index, tuning);
        highlights = new Highlights(index, analysis.index);
    }

    private static Pipeline product;

    static synchronized Pipeline product() throws CorpusException {
        if (product == null) {
            product = new Pipeline(Tuning.DEFAULT);
        }
        return product;
    }

    Question read(String question) {
        return reader.read(TextCleaner.clean(question));
    }

    String id(int doc) {
        return index.articles[doc].id();
    }
}
