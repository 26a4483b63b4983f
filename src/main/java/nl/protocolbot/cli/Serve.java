package nl.protocolbot.cli;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusException;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.search.SearchEngine;
import nl.protocolbot.server.Settings;
import nl.protocolbot.server.WebServer;
import nl.protocolbot.slack.SlackBot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires and starts the server from its settings: the index, the feedback store, Slack and the HTTP server. */
final class Serve implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Serve.class);
    /** Largest request body any endpoint reads. */
    static final int MAX_BODY = 1 << 20;

    final AtomicReference<Answerer> answerer = new AtomicReference<>();
    final WebServer web;
    final FeedbackStore feedback;
    final ThreadPoolExecutor workers;
    final ThreadPoolExecutor notices;
    private SocketModeApp socket;

    private Serve(Settings settings) throws Exception {
        web = new WebServer(settings.bind(), settings.port(), Math.max(4, settings.workers() * 2), answerer::get);
        workers = pool("answer", settings.workers(), settings.queue());
        notices = pool("notice", 1, 1000);
        feedback = FeedbackStore.openFolder(settings.dataDir(), settings.keepUnanswered());
    }

    static Serve start(Settings settings) throws Exception {
        Serve s = new Serve(settings);
        try {
            s.run(settings);
            return s;
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
    }

    private void run(Settings settings) throws Exception {
        SlackBot slack = null;
        if (settings.slackSocketMode() || settings.slackHttpMode()) {
            slack = new SlackBot(new SlackBot.Config(settings.slackBotToken().orElseThrow(),
                    settings.slackSigningSecret().orElse(null), settings.slackApiUrl(), settings.protocol()),
                    answerer::get, feedback, workers, notices, Clock.systemUTC());
            if (settings.slackHttpMode()) {
                web.route("/slack/events", slack.httpHandler(MAX_BODY));
            }
        }
        web.start();
        long start = System.nanoTime();
        Corpus corpus = settings.corpusDir().isPresent()
                ? CorpusLoader.load(settings.corpusDir().get()) : CorpusLoader.bundled();
        if (settings.protocol().isPresent() && corpus.protocol(settings.protocol().get()).isEmpty()) {
            throw new CorpusException(java.util.List.of(new nl.protocolbot.corpus.Problem("PROTOCOLBOT_ORG", 0,
                    "onbekend protocol '" + settings.protocol().get() + "'")));
        }
        answerer.set(new Answerer(SearchEngine.build(corpus)));
        LOG.info("index ready: {} articles from {} protocols in {} ms (corpus {})", corpus.size(),
                corpus.protocols().size(), (System.nanoTime() - start) / 1_000_000, corpus.fingerprint());
        if (settings.slackSocketMode()) {
            socket = slack.startSocketMode(settings.slackAppToken().orElseThrow());
        }
        LOG.info("serving on port {}: {}", web.port(), settings);
    }

    int port() {
        return web.port();
    }

    private static ThreadPoolExecutor pool(String name, int threads, int queue) {
        ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        return p;
    }

    /** Stops taking requests, finishes the answers in flight, closes the store. */
    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.stop();
            } catch (Exception e) {
                LOG.warn("Socket Mode stop failed: {}", e.getClass().getSimpleName());
            }
        }
        web.stop(2);
        for (ThreadPoolExecutor p : new ThreadPoolExecutor[] {workers, notices}) {
            p.shutdown();
            try {
                p.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            feedback.close();
        } catch (java.sql.SQLException e) {
            LOG.warn("feedback store close failed: {}", e.getClass().getSimpleName());
        }
        LOG.info("stopped");
    }
}
