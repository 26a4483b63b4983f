package nl.protocolbot.cli;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.List;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusException;
import nl.protocolbot.corpus.Problem;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.search.SearchEngine;
import nl.protocolbot.server.LiveCorpus;
import nl.protocolbot.server.Settings;
import nl.protocolbot.server.WebServer;
import nl.protocolbot.slack.SlackBot;
import nl.protocolbot.teams.TeamsWebhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires and starts the server from its settings: the live corpus, the feedback store, Slack, Teams, HTTP. */
final class Serve implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Serve.class);
    /** Largest request body any endpoint reads. */
    static final int MAX_BODY = 1 << 20;

    final LiveCorpus corpus;
    final WebServer web;
    final FeedbackStore feedback;
    final ThreadPoolExecutor workers;
    final ThreadPoolExecutor notices;
    final SlackBot.Counters slackCounters = new SlackBot.Counters();
    private SocketModeApp socket;

    private Serve(Settings settings) throws Exception {
        corpus = new LiveCorpus(settings.corpusDir(), c -> index(c, settings), Clock.systemUTC());
        web = new WebServer(settings.bind(), settings.port(), Math.max(4, settings.workers() * 2), corpus::version);
        workers = pool("answer", settings.workers(), settings.queue());
        notices = pool("notice", 1, settings.queue());
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
                    settings.slackSigningSecret().orElse(null), settings.slackApiUrl()),
                    corpus::current, feedback, workers, notices, Clock.systemUTC(), slackCounters);
            if (settings.slackHttpMode()) {
                web.route("/slack/events", slack.httpHandler(MAX_BODY));
            }
        }
        if (settings.teams()) {
            web.route("/teams/messages", new TeamsWebhook(settings.teamsSecret().orElseThrow(), corpus::current,
                    MAX_BODY, Math.max(2, settings.workers())));
        }
        web.start();
        corpus.load();
        corpus.watch(Duration.ofSeconds(settings.reloadSeconds()));
        if (settings.slackSocketMode()) {
            socket = slack.startSocketMode(settings.slackAppToken().orElseThrow());
        }
        LOG.info("serving on port {}: {}", web.port(), settings);
    }

    /** The index for a corpus; refused when the configured protocol is not in it. */
    private Answerer index(Corpus c, Settings settings) throws CorpusException {
        if (settings.protocol().isPresent() && c.protocol(settings.protocol().get()).isEmpty()) {
            throw new CorpusException(List.of(new Problem("PROTOCOLBOT_ORG", 0,
                    "onbekend protocol '" + settings.protocol().get() + "'")));
        }
        return new Answerer(SearchEngine.build(c), settings.protocol(), this::countUnanswered);
    }

    private void countUnanswered(String question) {
        try {
            feedback.unanswered(question);
        } catch (java.sql.SQLException e) {
            LOG.error("unanswered question could not be counted: {}", e.getClass().getSimpleName());
        }
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
        corpus.close();
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
