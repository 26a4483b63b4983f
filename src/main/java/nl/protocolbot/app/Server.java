package nl.protocolbot.app;

import nl.protocolbot.http.HttpEndpoint;
import nl.protocolbot.http.JettyServer;
import nl.protocolbot.metrics.PrometheusMetrics;
import nl.protocolbot.metrics.Metrics;
import nl.protocolbot.metrics.MetricsServer;
import nl.protocolbot.corpus.LiveCorpus;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.answer.ArticleLinks;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusException;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.corpus.Problem;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.feedback.QuestionTexts;
import nl.protocolbot.importer.Importer;
import nl.protocolbot.search.SearchEngine;
import nl.protocolbot.slack.SlackBot;
import nl.protocolbot.teams.TeamsBot;
import nl.protocolbot.teams.TeamsWebhook;
import nl.protocolbot.web.WebApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running chat server, and the one place where its parts are wired together from {@link Settings}: the live
 * corpus, the feedback store, the answer and notice queues, Slack (HTTP or Socket Mode), Teams and the HTTP routes.
 *
 * <p>Stopping ({@link #close()}, or SIGTERM under {@link #serve}) takes no new work at once (HTTP 503, Socket Mode
 * disconnected), lets requests in flight finish, sends what is queued within {@code PROTOCOLBOT_STOP_SECONDS},
 * and logs how many answers stayed unsent.
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    /** Largest request body any endpoint receives. */
    public static final int MAX_BODY = 1 << 20;
    /** Largest request head (request line and headers). */
    public static final int MAX_HEADER = 16 << 10;
    /** Most connections open at once; more wait in the operating system's accept queue. */
    public static final int MAX_CONNECTIONS = 1000;

    private final Settings settings;
    private final LiveCorpus<Answerer> corpus;
    private final FeedbackStore feedback;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor notices;
    private final SlackBot.Counters slackCounters = new SlackBot.Counters();
    private final JettyServer http;
    private final PrometheusMetrics metrics = new PrometheusMetrics();
    private final MetricsServer metricsHttp;
    private final Object lifecycle = new Object();
    private final AtomicBoolean closing = new AtomicBoolean();
    private SocketModeApp socket;
    /** The parts that can be degraded while the rest serves, for /healthz: "slack" → "ok" / "verbinden" / … */
    private final java.util.concurrent.ConcurrentMap<String, String> parts = new java.util.concurrent.ConcurrentHashMap<>();
    /** Counted down when stopping begins: wakes a connection attempt that waits to try again. */
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    /** The longest wait between two attempts to reach Slack. */
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private Server(Settings settings) throws Exception {
        this.settings = settings;
        // first: a database that is not there stops the start (one line, FeedbackStore.Unavailable) before
        // anything else is opened
        feedback = FeedbackStore.open(settings.database(), questionTexts());
        try {
            corpus = new LiveCorpus<>(settings.corpusDir(), this::index, Clock.systemUTC(),
                    r -> metrics.corpus(r == LiveCorpus.Reload.LOADED ? Metrics.Reload.LOADED : Metrics.Reload.REFUSED));
            http = new JettyServer(settings.bind(), settings.port(), new JettyServer.Limits(MAX_BODY, MAX_HEADER,
                    MAX_CONNECTIONS, Duration.ofSeconds(settings.readSeconds()),
                    Duration.ofSeconds(settings.idleSeconds())));
            metricsHttp = new MetricsServer(settings.metrics().bind(), settings.metrics().port(), metrics::scrape);
        } catch (Exception | Error e) {
            feedback.close();
            metrics.close();
            throw e;
        }
        workers = pool("answer", settings.workers(), settings.queue());
        // busy notices wait in a queue as long as the answers' one; beyond that Slack is refused (503) and retries
        notices = pool("notice", 1, settings.queue());
    }

    /** Wires and starts everything the settings ask for; returns once the index is ready and requests are served. */
    public static Server start(Settings settings) throws Exception {
        Server s = new Server(settings);
        try {
            s.run();
            return s;
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
    }

    /**
     * Runs the server as the process: serves until SIGTERM (or SIGINT), then stops as {@link #close()} says and
     * exits 0, also when the signal comes while it is still starting.
     */
    public static int serve(Settings settings) throws Exception {
        Server s = new Server(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            s.closeWithin(Duration.ofSeconds(settings.stopSeconds() + 1L));
            stopped.countDown();
            Runtime.getRuntime().halt(0); // a stop we were asked for is a clean exit, not 143
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            s.run();
        } catch (Exception | Error e) {
            if (s.closing.get()) {
                stopped.await(); // the signal interrupted start-up; the hook exits 0
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            s.close();
            throw e;
        }
        stopped.await();
        return 0;
    }

    private void run() throws Exception {
        LOG.info("starting: {}", settings);
        SlackBot slack = slack();
        if (settings.teams()) {
            http.routes().exact("/teams/messages", HttpEndpoint.Method.POST_ONLY, new TeamsWebhook(
                    settings.teamsSecret().orElseThrow(), corpus::current, Math.max(2, settings.workers()), metrics,
                    links()));
        }
        settings.teamsBot().ifPresent(r -> http.routes().exact("/api/messages", HttpEndpoint.Method.POST_ONLY,
                new TeamsBot(new TeamsBot.Config(r.appId(), r.appPassword(), r.openIdUrl(), r.tokenUrl(), links()),
                        corpus::current, feedback.claims(), feedback.votes(), workers, notices, Clock.systemUTC(),
                        metrics)));
        http.routes().exact("/healthz", HttpEndpoint.Method.GET_HEAD, new Health(corpus::version, http::stopping,
                () -> java.util.Map.copyOf(parts)));
        WebApp web = web();
        http.routes().prefix("/", HttpEndpoint.Method.GET_POST, web.endpoint());
        web.uploads().ifPresent(h -> http.routes().handler(WebApp.UPLOAD_PATH, h)); // a protocol upload: up to 20 MB
        step(() -> bind(http::start, settings.port(), "PORT", settings.bind()));
        step(() -> bind(metricsHttp::start, settings.metrics().port(), "PROTOCOLBOT_METRICS_PORT",
                settings.metrics().bind()));
        step(corpus::load);
        step(() -> corpus.watch(Duration.ofSeconds(settings.reloadSeconds())));
        if (settings.slackSocketMode()) {
            // Slack is reached in the background: the web page and Teams serve while it cannot be
            parts.put("slack", "verbinden");
            Thread connect = new Thread(() -> connectSlack(slack, settings.slackAppToken().orElseThrow()),
                    "slack-connect");
            connect.setDaemon(true);
            connect.start();
        }
        if (!closing.get()) {
            String host = settings.bind().equals("0.0.0.0") || settings.bind().equals("::") ? "localhost"
                    : settings.bind();
            LOG.info("serving on port {}: open http://{}:{}/ ; /metrics on {}:{}", port(), host, port(),
                    settings.metrics().bind(), metricsPort());
        }
    }

    /** A port in use (or not allowed) is a Dutch message naming the setting to change, not a Java exception. */
    private static void bind(Step start, int port, String setting, String address) throws Exception {
        try {
            start.run();
        } catch (java.io.IOException e) {
            if (e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException) {
                throw new CannotStart("poort " + port + " op " + address + " is al in gebruik (of niet toegestaan); "
                        + "kies een andere met " + setting + "=… of stop het programma dat hem gebruikt");
            }
            throw e;
        }
    }

    /** Why the server cannot start, in Dutch, naming what to change: printed as one line. */
    public static final class CannotStart extends Exception {
        private static final long serialVersionUID = 1L;

        CannotStart(String message) {
            super(message);
        }
    }

    /**
     * Connects Slack's Socket Mode, and when Slack cannot be reached tries again with a doubling wait (1 s up to a
     * minute) until it can or the server stops. Once connected, Bolt's client reconnects by itself.
     */
    private void connectSlack(SlackBot slack, String appToken) {
        Duration wait = Duration.ofSeconds(1);
        while (!closing.get()) {
            try {
                SocketModeApp connected = slack.startSocketMode(appToken);
                synchronized (lifecycle) {
                    if (closing.get()) {
                        connected.stop();
                        return;
                    }
                    socket = connected;
                }
                parts.put("slack", "ok");
                return;
            } catch (Exception e) {
                parts.put("slack", "niet bereikbaar");
                LOG.warn("Slack (Socket Mode) cannot be reached ({}); trying again in {} s",
                        e.getClass().getSimpleName(), wait.toSeconds());
            }
            try {
                if (stopSignal.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
        }
    }

    /** Where chat answers link each article: its web page under the public address, when there is one. */
    private ArticleLinks links() {
        return new ArticleLinks(settings.publicUrl());
    }

    /** The web page, on every path the other endpoints leave; {@code /beheer} only with a password. */
    private WebApp web() throws java.sql.SQLException {
        Optional<WebApp.Learner> learner = settings.corpusDir().map(dir -> (id, question) -> {
            CorpusLoader.learn(dir, id, question);
            corpus.reloadIfChanged(); // at once, so that the next page already answers from the new example
        });
        WebApp.Builder web = WebApp.builder()
                .answerer(corpus::current)
                .status(this::corpusStatus)
                .votes(feedback.votes())
                .keptTexts(feedback.keptTexts())
                .webState(feedback.webState())
                .questionTexts(questionTexts())
                .learner(learner)
                .adminPassword(settings.adminPassword())
                .publicUrl(settings.publicUrl())
                .protocol(settings.protocol())
                .metrics(metrics);
        if (settings.adminPassword().isPresent()) {
            // one importer for the server (it loads a dictionary); a published protocol is served at once
            web.importing(new Importer(), settings.corpusDir(), corpus::reloadIfChanged);
        }
        return web.build();
    }

    /** Whether question texts are kept ({@code PROTOCOLBOT_KEEP_UNANSWERED}). */
    private QuestionTexts questionTexts() {
        return settings.keepUnanswered() ? QuestionTexts.KEEP : QuestionTexts.DISCARD;
    }

    private Optional<WebApp.CorpusStatus> corpusStatus() {
        Optional<WebApp.Refusal> refusal = corpus.lastRefusal().map(r -> new WebApp.Refusal(r.at(), r.problems(),
                r.summary()));
        return corpus.version().map(v -> new WebApp.CorpusStatus(v.fingerprint(), v.loadedAt(), v.articles(),
                v.protocols(), refusal));
    }

    private SlackBot slack() {
        if (!settings.slackSocketMode() && !settings.slackHttpMode()) {
            return null;
        }
        SlackBot slack = new SlackBot(new SlackBot.Config(settings.slackBotToken().orElseThrow(),
                settings.slackSigningSecret().orElse(null), settings.slackApiUrl(), links()),
                corpus::current, feedback.claims(), feedback.votes(), workers, notices, Clock.systemUTC(), slackCounters,
                metrics);
        if (settings.slackHttpMode()) {
            http.routes().exact("/slack/events", HttpEndpoint.Method.POST_ONLY, slack.httpHandler());
        }
        return slack;
    }

    private interface Step {
        void run() throws Exception;
    }

    /** One start-up step, skipped once stopping began; a stop waits for the step under way. */
    private void step(Step step) throws Exception {
        synchronized (lifecycle) {
            if (!closing.get()) {
                step.run();
            }
        }
    }

    /** The index for a corpus; refused when the configured protocol is not in it. */
    private Answerer index(Corpus c) throws CorpusException {
        if (settings.protocol().isPresent() && c.protocol(settings.protocol().get()).isEmpty()) {
            throw new CorpusException(List.of(new Problem("PROTOCOLBOT_ORG", 0,
                    "onbekend protocol '" + settings.protocol().get() + "'")));
        }
        return new Answerer(SearchEngine.build(c), settings.protocol(), this::countUnanswered);
    }

    private void countUnanswered(String question) {
        try {
            feedback.keptTexts().unanswered(question);
        } catch (java.sql.SQLException e) {
            LOG.warn("unanswered question could not be counted: {}", e.getClass().getSimpleName());
        }
    }

    public int port() {
        return http.port();
    }

    /** The port {@code /metrics} is served on, at {@code PROTOCOLBOT_METRICS_BIND}. */
    public int metricsPort() {
        return metricsHttp.port();
    }

    /** What Slack work was shed or lost (for {@code bench} and monitoring). */
    public SlackBot.Counters slackCounters() {
        return slackCounters;
    }

    /** The corpus being served (to follow reloads). */
    public LiveCorpus<Answerer> corpus() {
        return corpus;
    }

    private static ThreadPoolExecutor pool(String name, int threads, int queue) {
        return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Stops as the class comment says, within {@code PROTOCOLBOT_STOP_SECONDS}. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        stopSignal.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.stopSeconds());
        http.refuseNewRequests();
        LOG.info("stopping: no new work; finishing {} queued answers within {} s",
                workers.getQueue().size() + workers.getActiveCount() + notices.getQueue().size(), settings.stopSeconds());
        synchronized (lifecycle) {
            stopSocketMode();
            corpus.close();
            int unsent = drain(deadline);
            http.stop(Duration.ofMillis(Math.max(100, remainingMillis(deadline))));
            metricsHttp.stop();
            metrics.close();
            try {
                feedback.close();
            } catch (java.sql.SQLException e) {
                LOG.warn("feedback store close failed: {}", e.getClass().getSimpleName());
            }
            if (unsent > 0) {
                LOG.warn("stopped: {} queued answers stayed unanswered (PROTOCOLBOT_STOP_SECONDS={})", unsent,
                        settings.stopSeconds());
            } else {
                LOG.info("stopped: every queued answer was sent");
            }
        }
    }

    /** {@link #close()}, but returns after {@code limit} even if something hangs. */
    private void closeWithin(Duration limit) {
        Thread t = new Thread(this::close, "stop");
        t.setDaemon(true);
        t.start();
        try {
            t.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopSocketMode() {
        parts.remove("slack");
        if (socket != null) {
            try {
                socket.stop();
            } catch (Exception e) {
                LOG.warn("Socket Mode stop failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    /** Lets requests in flight finish, then the queues; returns how many answers were never sent. */
    private int drain(long deadline) {
        http.awaitRequestsInFlight(Duration.ofMillis(Math.max(0, remainingMillis(deadline) - 500)));
        int unsent = 0;
        for (ThreadPoolExecutor p : List.of(workers, notices)) {
            p.shutdown();
            try {
                if (!p.awaitTermination(Math.max(0, remainingMillis(deadline)), TimeUnit.MILLISECONDS)) {
                    unsent += p.shutdownNow().size() + p.getActiveCount();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unsent += p.shutdownNow().size() + p.getActiveCount();
            }
        }
        return unsent;
    }

    private static long remainingMillis(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }
}
